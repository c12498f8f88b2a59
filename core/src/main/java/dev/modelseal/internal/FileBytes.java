package dev.modelseal.internal;

import dev.modelseal.ModelVerificationException;
import dev.modelseal.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads small untrusted files whole, in bounded memory: a path that is not a regular file (a FIFO
 * would block the open forever, a device never ends) is refused from its attributes without being
 * opened, a file over the limit is refused from its size before a byte is read, and the read itself
 * stops one byte past the limit, so a file that grows while it is read cannot get past it either.
 * Symlinks are followed, as everywhere else in ModelSeal (model caches are made of them).
 */
public final class FileBytes {
  private FileBytes() {}

  /**
   * The attributes of {@code file} (symlinks followed), which must be a regular file; read without
   * opening it. {@code what} names the file's role in messages.
   */
  public static BasicFileAttributes regularFile(Path file, String what) throws ModelVerificationException {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": " + what + " not found");
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.MISSING_EVIDENCE, file + ": cannot read the " + what + ": " + e.getMessage(), e);
    }
    if (!attributes.isRegularFile()) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": the " + what + " is "
          + (attributes.isDirectory() ? "a directory" : "a FIFO, socket or device") + ", not a regular file;"
          + " refused without opening it");
    }
    return attributes;
  }

  /**
   * The bytes of the regular file {@code file}, at most {@code maxBytes} (below {@link
   * Integer#MAX_VALUE}) of them; a larger file is refused with {@code tooLarge}.
   */
  public static byte[] read(Path file, String what, int maxBytes, Reason tooLarge)
      throws ModelVerificationException {
    long size = regularFile(file, what).size();
    if (size > maxBytes) {
      throw tooLarge(file, what, String.valueOf(size), maxBytes, tooLarge);
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // readNBytes grows its buffer as data arrives: a limit far above the size costs nothing.
      bytes = in.readNBytes(maxBytes + 1);
    } catch (NoSuchFileException e) {
      throw new ModelVerificationException(Reason.MISSING_EVIDENCE, file + ": " + what + " not found");
    } catch (IOException e) {
      throw new ModelVerificationException(
          Reason.MISSING_EVIDENCE, file + ": cannot read the " + what + ": " + e.getMessage(), e);
    }
    if (bytes.length > maxBytes) {
      throw tooLarge(file, what, "more than " + maxBytes, maxBytes, tooLarge);
    }
    return bytes;
  }

  private static ModelVerificationException tooLarge(Path file, String what, String found, int max, Reason reason) {
    return new ModelVerificationException(reason, file + ": the " + what + " has " + found
        + " bytes, over the limit of " + max + " bytes; refused before parsing");
  }
}
