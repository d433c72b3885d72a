package org.danerelay.queue;

import java.io.IOException;

/** Signals a spool file whose header cannot be read back; such files are moved aside. */
final class CorruptSpoolFileException extends IOException {

  CorruptSpoolFileException(String message) {
    super(message);
  }

  CorruptSpoolFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
