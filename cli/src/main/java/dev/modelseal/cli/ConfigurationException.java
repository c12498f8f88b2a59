package dev.modelseal.cli;

/**
 * A file the command line names for its configuration (a key, a certificate chain) cannot be read
 * or holds nothing usable; the CLI exits with 3.
 */
final class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  ConfigurationException(String message) {
    super(message);
  }
}
