package org.danerelay.server.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns the text of one setting into a typed value, or says why it cannot.
 *
 * <p>{@link #parse} throws {@link IllegalArgumentException} whose message is a reason fit to follow
 * {@code file:line: key: } in an error; it never names the key itself.
 */
interface ValueParser<T> {

  /** Parses text that has already been stripped of surrounding whitespace. */
  T parse(String text);

  /** The type as a reader of {@code --help} should see it, such as {@code list of host:port}. */
  String description();

  static <T> ValueParser<T> of(String description, Function<String, T> parse) {
    return new ValueParser<>() {
      @Override
      public T parse(String text) {
        return parse.apply(text);
      }

      @Override
      public String description() {
        return description;
      }
    };
  }

  /** Comma separated values of this type; whitespace around items is ignored, empty = none. */
  default ValueParser<List<T>> list() {
    return of(
        "list of " + description(),
        text -> {
          List<T> items = new ArrayList<>();
          if (text.isBlank()) {
            return List.copyOf(items);
          }
          // -1 keeps trailing empty items, so "a," is reported rather than silently accepted.
          for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
              throw new IllegalArgumentException("empty item in list (a stray comma?)");
            }
            items.add(parse(item.strip()));
          }
          return List.copyOf(items);
        });
  }

  /** This type, or nothing when the value is empty. */
  default ValueParser<Optional<T>> optional() {
    return of(
        description() + ", or empty",
        text -> text.isBlank() ? Optional.empty() : Optional.of(parse(text)));
  }

  /** This type, further limited by {@code rule}; {@code reason} says what the rule demands. */
  default ValueParser<T> require(Predicate<T> rule, String reason) {
    return of(
        description(),
        text -> {
          T value = parse(text);
          if (!rule.test(value)) {
            throw new IllegalArgumentException(reason);
          }
          return value;
        });
  }
}
