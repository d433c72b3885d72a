import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An append-only file of space-separated record lines that the report reads back; one per kind of
 * observer (clients, sink, events), so each file has one writer class and one line grammar.
 *
 * <p>Every line is flushed at once: a run stopped with Ctrl-C and {@code --keep} still leaves
 * complete records to look at. Thread-safe.
 */
final class Journal implements AutoCloseable {

  private final Path file;
  private final BufferedWriter out;

  Journal(Path file) throws IOException {
    this.file = file;
    this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
  }

  Path file() {
    return file;
  }

  /** Writes the fields as one line; a field must not contain a space or a line break. */
  synchronized void add(Object... fields) {
    try {
      for (int i = 0; i < fields.length; i++) {
        if (i > 0) out.write(' ');
        out.write(String.valueOf(fields[i]));
      }
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
