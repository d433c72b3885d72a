package org.danerelay.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.danerelay.dane.policy.NextHop;

/**
 * Fuzzes the value types of configuration keys and map files (docs/fuzzing.md).
 *
 * <p>Input layout: the first byte picks the type by its value modulo 6 ({@code '0'} host:port,
 * {@code '1'} CIDR, {@code '2'} size, {@code '3'} DNS name, {@code '4'} next hop, {@code '5'} retry
 * schedule); the rest is the value in UTF-8.
 */
class ConfigValuesFuzzTest {

  /**
   * A value is either refused with IllegalArgumentException, whose message becomes the reason in
   * {@code file:line: key: reason}, or accepted as a value that prints and parses back to itself.
   */
  @FuzzTest
  void acceptsValuesThatPrintBackOrRefusesWithIllegalArgument(byte[] input)
      throws UnknownHostException {
    if (input.length == 0) {
      return;
    }
    String text = new String(Arrays.copyOfRange(input, 1, input.length), StandardCharsets.UTF_8);
    try {
      switch (Math.floorMod(input[0], 6)) {
        case 0 -> hostPort(text);
        case 1 -> cidr(text);
        case 2 -> size(text);
        case 3 -> dnsName(text);
        case 4 -> nextHop(text);
        default -> retrySchedule(text);
      }
    } catch (IllegalArgumentException refused) {
      assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank(), "says why");
    }
  }

  private static void hostPort(String text) {
    HostPort value = HostPort.parse(text);
    assertEquals(value, parseBack(value.toString(), HostPort::parse));
    // built from the literal's bytes: no DNS lookup, never unresolved
    assertTrue(!value.toSocketAddress().isUnresolved());
  }

  private static void cidr(String text) throws UnknownHostException {
    Cidr value = Cidr.parse(text);
    assertEquals(value, parseBack(value.toString(), Cidr::parse));
    assertTrue(value.contains(InetAddress.getByAddress(value.network())), "holds its own network");
  }

  private static void size(String text) {
    DataSize value = DataSize.parse(text);
    assertEquals(value, parseBack(value.toString(), DataSize::parse));
  }

  private static void dnsName(String text) {
    String value = DomainName.normalize(text);
    assertEquals(value, parseBack(value, DomainName::normalize), "normal form is stable");
  }

  private static void nextHop(String text) {
    NextHop value = NextHop.parse(text);
    assertEquals(value, parseBack(value.toString(), NextHop::parse));
  }

  private static void retrySchedule(String text) {
    String value = ValueTypes.retrySteps().parse(text);
    assertEquals(value, parseBack(value, ValueTypes.retrySteps()::parse), "tidied form is stable");
    for (String step : value.split(",")) {
      Duration duration = ValueTypes.duration().parse(step);
      assertTrue(!duration.isNegative() && !duration.isZero(), step);
    }
  }

  /** Parses a printed value; refusing it is a failure, not an expected outcome. */
  private static <T> T parseBack(String printed, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(printed);
    } catch (IllegalArgumentException e) {
      throw new AssertionError("refused its own printed form '" + printed + "'", e);
    }
  }
}
