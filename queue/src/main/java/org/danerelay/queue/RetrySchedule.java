package org.danerelay.queue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When a deferred recipient is due again: a list of backoff steps whose last step repeats, each
 * spread by a random jitter so that recipients deferred together do not return together.
 */
public final class RetrySchedule {

  /** The steps used when {@code retry.schedule} is not set. */
  public static final String DEFAULT_STEPS = "1m,5m,15m,30m,1h,2h,4h";

  /** Each delay moves by up to this fraction either way. */
  public static final double JITTER = 0.10;

  private static final Pattern STEP = Pattern.compile("(\\d{1,9})([smhd])");

  private final List<Duration> steps;
  private final RandomGenerator random; // guarded by itself: record() runs on many threads

  private RetrySchedule(List<Duration> steps, RandomGenerator random) {
    this.steps = List.copyOf(steps);
    this.random = Objects.requireNonNull(random, "random");
  }

  /** The default steps with an unseeded jitter. */
  public static RetrySchedule defaults() {
    return parse(DEFAULT_STEPS, new Random());
  }

  /**
   * Parses steps such as {@code 1m,5m,15m,30m,1h,2h,4h}: positive whole numbers with the unit
   * {@code s}, {@code m}, {@code h} or {@code d}, separated by commas.
   *
   * @param random the jitter source; tests pass a seeded one
   * @throws IllegalArgumentException naming the bad step
   */
  public static RetrySchedule parse(String text, RandomGenerator random) {
    Objects.requireNonNull(text, "text");
    List<Duration> steps = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      Matcher step = STEP.matcher(part.strip());
      if (!step.matches() || Long.parseLong(step.group(1)) == 0) {
        throw new IllegalArgumentException(
            "retry step \"" + part.strip() + "\" is not a positive number with s, m, h or d");
      }
      long amount = Long.parseLong(step.group(1));
      steps.add(
          switch (step.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          });
    }
    return new RetrySchedule(steps, random);
  }

  /** The steps without jitter, in order. */
  public List<Duration> steps() {
    return steps;
  }

  /**
   * When the next attempt is due.
   *
   * @param attemptsSoFar attempts ended so far, the one that just deferred included (1 after the
   *     first); past the last step the last one repeats
   * @param now when the last attempt ended
   * @return {@code now} plus the step, give or take {@link #JITTER}, to the millisecond
   */
  public Instant next(int attemptsSoFar, Instant now) {
    if (attemptsSoFar < 1) {
      throw new IllegalArgumentException("no attempt has ended yet: " + attemptsSoFar);
    }
    Duration step = steps.get(Math.min(attemptsSoFar, steps.size()) - 1);
    double spread;
    synchronized (random) {
      spread = random.nextDouble(-JITTER, JITTER);
    }
    long millis = Math.round(step.toMillis() * (1 + spread));
    return now.plusMillis(millis).truncatedTo(ChronoUnit.MILLIS);
  }

  /** The steps as {@link #parse} reads them. */
  @Override
  public String toString() {
    return steps.stream().map(RetrySchedule::format).collect(Collectors.joining(","));
  }

  private static String format(Duration step) {
    long seconds = step.getSeconds();
    if (seconds % 86400 == 0) {
      return seconds / 86400 + "d";
    } else if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    } else if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
