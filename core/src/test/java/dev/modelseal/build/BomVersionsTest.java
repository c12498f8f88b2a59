package dev.modelseal.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM consumers import pins every third-party artifact at the version this build tests with:
 * each entry of bom/pom.xml equals the parent pom's managed version (its properties resolved).
 */
class BomVersionsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  @Test
  void everyBomVersionIsTheOneTheBuildManages() throws Exception {
    Document parent = read(ROOT.resolve("pom.xml"));
    Document bom = read(ROOT.resolve("bom/pom.xml"));
    Map<String, String> properties = new HashMap<>();
    NodeList props = ((Element) parent.getElementsByTagName("properties").item(0)).getChildNodes();
    for (int i = 0; i < props.getLength(); i++) {
      if (props.item(i) instanceof Element e) {
        properties.put(e.getTagName(), e.getTextContent().trim());
      }
    }
    properties.put("project.version", text((Element) parent.getDocumentElement(), "version"));
    Map<String, String> managed = managed(parent, properties);
    Map<String, String> pinned = managed(bom, Map.of("project.version",
        text((Element) bom.getDocumentElement(), "version")));
    assertThat(pinned).hasSizeGreaterThan(10);
    assertThat(pinned.get("dev.modelseal:modelseal-core")).isEqualTo(properties.get("project.version"));
    pinned.forEach((artifact, version) ->
        assertThat(managed.get(artifact)).as(artifact + " in bom/pom.xml and pom.xml").isEqualTo(version));
  }

  private static Map<String, String> managed(Document pom, Map<String, String> properties) {
    Element management = (Element) pom.getElementsByTagName("dependencyManagement").item(0);
    Map<String, String> versions = new HashMap<>();
    NodeList deps = management.getElementsByTagName("dependency");
    for (int i = 0; i < deps.getLength(); i++) {
      Element d = (Element) deps.item(i);
      versions.put(text(d, "groupId") + ":" + text(d, "artifactId"), resolve(text(d, "version"), properties));
    }
    return versions;
  }

  private static String resolve(String value, Map<String, String> properties) {
    Matcher m = PROPERTY.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(properties.getOrDefault(m.group(1), m.group())));
    }
    return m.appendTail(sb).toString();
  }

  /** The text of {@code parent}'s direct child {@code name}. */
  private static String text(Element parent, String name) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(name)) {
        return e.getTextContent().trim();
      }
    }
    throw new AssertionError(parent.getTagName() + " has no " + name);
  }

  private static Document read(Path pom) throws Exception {
    assertThat(pom).isRegularFile();
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    try (var in = Files.newInputStream(pom)) {
      return f.newDocumentBuilder().parse(in);
    }
  }
}
