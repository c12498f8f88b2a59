package dev.modelseal.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code --flag value} and {@code --flag=value} options plus positional arguments against a
 * fixed set of flags; anything unknown is a {@link UsageException} (exit code 2).
 */
final class Args {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  /** A command line that cannot be understood; the CLI exits with 2. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  private Args() {}

  /** {@code valued} flags take a value; {@code switches} take none. */
  static Args parse(List<String> argv, Set<String> valued, Set<String> switches) throws UsageException {
    Args a = new Args();
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("--")) {
        a.positional.addAll(argv.subList(i + 1, argv.size()));
        break;
      }
      if (!arg.startsWith("--")) {
        a.positional.add(arg);
        continue;
      }
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (switches.contains(name)) {
        if (value != null) {
          throw new UsageException(name + " takes no value");
        }
        a.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= argv.size()) {
            throw new UsageException(name + " needs a value");
          }
          value = argv.get(++i);
        }
        a.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return a;
  }

  String one(String name) throws UsageException {
    List<String> v = options.get(name);
    if (v == null) {
      return null;
    }
    if (v.size() > 1) {
      throw new UsageException(name + " may be given only once");
    }
    return v.get(0);
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  boolean has(String name) {
    return options.containsKey(name);
  }

  List<String> positional() {
    return positional;
  }
}
