package org.danerelay.server.rollover;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Writes files so that a reader sees the old content or the new, never half of either, and a crash
 * leaves one of the two: a temporary file in the same folder, fsynced, renamed over the target, and
 * the folder fsynced.
 */
final class AtomicFiles {

  /** Private keys and what names them: the owner alone. */
  static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** Certificates and requests: public, readable by all. */
  static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code content}; the mode is set before any byte is written. */
  static void write(Path target, byte[] content, Set<PosixFilePermission> mode) throws IOException {
    write(target, content, mode, Optional.empty());
  }

  /**
   * As {@link #write(Path, byte[], Set)}, the new file owned as {@code ownerOf} is: run as root for
   * a relay that runs as its own user, a key owned by root would be one the relay cannot read.
   */
  static void write(
      Path target, byte[] content, Set<PosixFilePermission> mode, Optional<Path> ownerOf)
      throws IOException {
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(temp, PosixFilePermissions.asFileAttribute(mode));
    if (ownerOf.isPresent()) {
      ownLike(temp, ownerOf.get());
    }
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    move(temp, target);
  }

  /** Renames {@code from} over {@code to} in one step, and makes the rename durable. */
  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException(
          "cannot rename " + from + " to " + to + " in one step (another file system?)", e);
    }
    syncFolder(to.toAbsolutePath().getParent());
  }

  /** Copies {@code from} to {@code to} atomically, with {@code mode} and {@code from}'s owner. */
  static void copy(Path from, Path to, Set<PosixFilePermission> mode) throws IOException {
    write(to, Files.readAllBytes(from), mode, Optional.of(from));
  }

  /** Gives {@code file} the owner and group of {@code model}, when they differ. */
  static void ownLike(Path file, Path model) throws IOException {
    PosixFileAttributes wanted = Files.readAttributes(model, PosixFileAttributes.class);
    PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
    PosixFileAttributes actual = view.readAttributes();
    try {
      if (!actual.owner().equals(wanted.owner())) {
        view.setOwner(wanted.owner());
      }
      if (!actual.group().equals(wanted.group())) {
        view.setGroup(wanted.group());
      }
    } catch (IOException e) {
      throw new IOException(
          "cannot give "
              + file
              + " the owner of "
              + model
              + " ("
              + wanted.owner().getName()
              + "): run this as that user, or as root",
          e);
    }
  }

  // A rename is only durable once the folder's entry is on disk (fsync of the directory on Linux).
  private static void syncFolder(Path folder) throws IOException {
    try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
