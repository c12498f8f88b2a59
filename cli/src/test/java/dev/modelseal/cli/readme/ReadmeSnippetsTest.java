package dev.modelseal.cli.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in README.md is either marked {@code <!-- snippet:NAME -->} and equal to the
 * compiled, tested region NAME of this package's sources, so the README cannot drift from code that
 * runs.
 */
class ReadmeSnippetsTest {
  private static final Path README = Path.of("..", "README.md");
  private static final Path SOURCES = Path.of("src", "test", "java", "dev", "modelseal", "cli", "readme");
  private static final Pattern BLOCK = Pattern.compile("(<!-- snippet:([a-z-]+) -->\\n)?```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyJavaBlockInTheReadmeIsATestedSnippet() throws Exception {
    Map<String, String> regions = regions();
    Matcher m = BLOCK.matcher(Files.readString(README));
    List<String> seen = new ArrayList<>();
    while (m.find()) {
      assertThat(m.group(2)).as("a ```java block in README.md without a <!-- snippet:NAME --> marker:\n"
          + m.group(3)).isNotNull();
      assertThat(regions).as("README snippet " + m.group(2)).containsKey(m.group(2));
      assertThat(m.group(3).strip()).as("README snippet " + m.group(2)).isEqualTo(regions.get(m.group(2)));
      seen.add(m.group(2));
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(regions.keySet());
  }

  private static Map<String, String> regions() throws Exception {
    Map<String, String> out = new LinkedHashMap<>();
    Pattern region = Pattern.compile("// snippet:([a-z-]+)\\n(.*?)\\n\\s*// end:\\1", Pattern.DOTALL);
    try (var files = Files.list(SOURCES)) {
      for (Path f : files.sorted().toList()) {
        Matcher m = region.matcher(Files.readString(f));
        while (m.find()) {
          out.put(m.group(1), dedent(m.group(2)));
        }
      }
    }
    return out;
  }

  private static String dedent(String text) {
    List<String> lines = text.lines().toList();
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString().strip();
  }
}
