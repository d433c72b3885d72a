# DaneRelay: build with Maven, run on a JRE as a non-root user.
#   docker build -t danerelay .
#   docker run -p 2525:2525 -v "$PWD/conf:/opt/danerelay/conf" -v danerelay-data:/var/lib/danerelay danerelay

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY dane-policy/pom.xml dane-policy/
COPY queue/pom.xml queue/
COPY relay-server/pom.xml relay-server/
COPY dane-policy/src dane-policy/src
COPY queue/src queue/src
COPY relay-server/src relay-server/src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN groupadd --system danerelay \
 && useradd --system --gid danerelay --home-dir /var/lib/danerelay --shell /usr/sbin/nologin danerelay \
 && mkdir -p /opt/danerelay /var/lib/danerelay \
 && chown danerelay:danerelay /var/lib/danerelay
WORKDIR /opt/danerelay
COPY --from=build /src/relay-server/target/danerelay.jar ./danerelay.jar
COPY --from=build /src/relay-server/target/lib ./lib
COPY conf ./conf
# The launcher carries the JVM's memory settings (docs/performance.md); it runs the jar beside it.
COPY scripts/danerelay ./bin/danerelay
USER danerelay
# In a container the relay must listen on the container's interface; relaying is still only for
# relay.networks, which the mounted conf/ should set to the networks that may use it.
ENV DANERELAY_HOME=/opt/danerelay
EXPOSE 2525 587
VOLUME ["/opt/danerelay/conf", "/var/lib/danerelay"]
ENTRYPOINT ["/opt/danerelay/bin/danerelay"]
CMD ["run", "--config", "/opt/danerelay/conf/relay.conf", "--set", "data.dir=/var/lib/danerelay", "--set", "smtpd.listen=0.0.0.0:2525"]
