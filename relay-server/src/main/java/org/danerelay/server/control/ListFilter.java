package org.danerelay.server.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.danerelay.queue.QueuedMessage;
import org.danerelay.queue.QueuedRecipient;
import org.danerelay.queue.RecipientState;
import org.danerelay.server.config.CommandValues;

/**
 * Which part of the queue {@code queue list} shows: recipients at a domain, in a state, of messages
 * older than an age. A message is listed with the recipients that match, if any does.
 *
 * @param domain the recipient domain (after the last {@code @}), lower-case A-labels
 * @param state the recipient state
 * @param olderThan the least age of the message, counted from when it was received
 */
public record ListFilter(
    Optional<String> domain, Optional<RecipientState> state, Optional<Duration> olderThan) {

  /** No filter: the whole queue. */
  public static final ListFilter ALL =
      new ListFilter(Optional.empty(), Optional.empty(), Optional.empty());

  /** Rejects missing values. */
  public ListFilter {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(olderThan, "olderThan");
  }

  /**
   * Checks the values as typed ({@code null} for an option not given): a domain name, a state name
   * in any case, a duration as in the configuration (30m, 2h, 3d).
   *
   * @throws IllegalArgumentException with a reason fit for the postmaster
   */
  public static ListFilter of(String domain, String state, String olderThan) {
    return new ListFilter(
        Optional.ofNullable(domain).map(CommandValues::domain),
        Optional.ofNullable(state).map(ListFilter::state),
        Optional.ofNullable(olderThan).map(ListFilter::age));
  }

  /** Reads the words that {@link #words} wrote, e.g. {@code --state HELD --older-than 2h}. */
  static ListFilter parse(List<String> words) {
    String domain = null;
    String state = null;
    String olderThan = null;
    for (int i = 0; i < words.size(); i += 2) {
      String option = words.get(i);
      if (i + 1 == words.size()) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = words.get(i + 1);
      switch (option) {
        case "--domain" -> domain = value;
        case "--state" -> state = value;
        case "--older-than" -> olderThan = value;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return of(domain, state, olderThan);
  }

  /** This filter as request words, none of them blank or holding white space. */
  public List<String> words() {
    List<String> words = new ArrayList<>();
    domain.ifPresent(d -> words.addAll(List.of("--domain", d)));
    state.ifPresent(s -> words.addAll(List.of("--state", s.name())));
    olderThan.ifPresent(age -> words.addAll(List.of("--older-than", age.toMillis() + "ms")));
    return words;
  }

  /** The messages that match at {@code now}, each with its matching recipients only. */
  List<QueuedMessage> apply(List<QueuedMessage> messages, Instant now) {
    List<QueuedMessage> shown = new ArrayList<>();
    for (QueuedMessage message : messages) {
      if (olderThan.isPresent() && message.receivedAt().isAfter(now.minus(olderThan.get()))) {
        continue;
      }
      if (domain.isEmpty() && state.isEmpty()) {
        shown.add(message);
        continue;
      }
      List<QueuedRecipient> matching = message.recipients().stream().filter(this::matches).toList();
      if (!matching.isEmpty()) {
        shown.add(
            new QueuedMessage(
                message.id(),
                message.sender(),
                message.receivedAt(),
                message.size(),
                message.clientAddress(),
                message.clientHelo(),
                matching,
                message.bodyType(),
                message.delayWarnedAt(),
                message.tlsRequired()));
      }
    }
    return shown;
  }

  private boolean matches(QueuedRecipient recipient) {
    String address = recipient.address();
    String at = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    return domain.map(at::equals).orElse(true)
        && state.map(s -> s == recipient.state()).orElse(true);
  }

  private static RecipientState state(String text) {
    try {
      return RecipientState.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a recipient state: '"
              + text
              + "' (one of "
              + String.join(", ", Arrays.stream(RecipientState.values()).map(Enum::name).toList())
              + ")");
    }
  }

  private static Duration age(String text) {
    return CommandValues.duration(text);
  }
}
