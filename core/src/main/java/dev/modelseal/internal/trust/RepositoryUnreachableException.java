package dev.modelseal.internal.trust;

import java.io.IOException;

/**
 * The TUF repository gave no answer to use: the connection failed or timed out, or the server said
 * it cannot answer now (408, 429, 5xx). Only this failure lets a cached root or the seed stand in;
 * an answer that the client then refuses (malformed, expired, badly signed metadata) never does.
 */
public final class RepositoryUnreachableException extends IOException {
  private static final long serialVersionUID = 1L;

  public RepositoryUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
