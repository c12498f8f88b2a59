package dev.modelseal.internal.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cyclonedx.model.Bom;

/**
 * Turns the free-text license names people write ({@code license.name}) into the SPDX ids they
 * mean, so that a denial written as an SPDX glob also catches "CC BY-NC 4.0" or "GNU General Public
 * License v3.0"; guarantees linear work per name and no network.
 *
 * <p>A name is first reduced to a key: NFKC-normalised, invisible format characters (ZWSP, U+FEFF,
 * ...) removed, lower case, every run of characters other than letters, digits, {@code .} and
 * {@code +} turned into one space. The key is looked up among the keys of every SPDX id and full
 * name of the SPDX license list and every name of cyclonedx-core-java's license mapping (both read
 * from the resources bundled in cyclonedx-core-java, {@code /licenses/licenses.json} and {@code
 * /license-mapping.json}), with and without a leading "the" and a trailing "license"/"licence".
 * Then two word-based readers cover the families whose names vary most: Creative Commons (by its
 * words Attribution/BY, NonCommercial/NC, NoDerivatives/ND, ShareAlike/SA, Zero, and a version, e.g.
 * "Creative Commons Attribution-NonCommercial 4.0 International" is {@code CC-BY-NC-4.0}) and the
 * GNU licenses (GPL, LGPL, AGPL with "only"/"or later"/"+", e.g. "GNU GPL v3" is {@code GPL-3.0} and
 * {@code GPL-3.0-only}). Those readers ignore words they do not know, so extra words never hide a
 * family word; a name can only gain candidates, never lose its raw and dashed forms.
 */
final class LicenseNames {

  private static final Pattern VERSION = Pattern.compile("v?(\\d{1,2})(?:\\.(\\d{1,2}))?(\\+)?");
  private static final Pattern GNU_TOKEN =
      Pattern.compile("(a|l)?gpl(?:v?(\\d{1,2})(?:\\.(\\d{1,2}))?)?(\\+)?");

  private static volatile Map<String, Set<String>> table;

  private LicenseNames() {}

  /**
   * Returns the SPDX ids the name is recognised as, in a stable order; empty if none.
   *
   * @throws UncheckedIOException if cyclonedx-core-java's bundled license list cannot be read
   */
  static Set<String> spdxIdsFor(String name) {
    String key = key(name);
    Set<String> ids = new LinkedHashSet<>();
    Map<String, Set<String>> known = table();
    for (String candidate : keyVariants(key)) {
      ids.addAll(known.getOrDefault(candidate, Set.of()));
    }
    List<String> words = List.of(key.split(" "));
    creativeCommons(words, ids);
    gnu(words, ids);
    return ids;
  }

  /**
   * Returns the name with format characters removed and every run of whitespace (any Unicode space)
   * and underscores turned into one {@code -}, so "CC BY NC 4.0" reads as "CC-BY-NC-4.0".
   */
  static String dashed(String name) {
    String normal = withoutFormatCharacters(Normalizer.normalize(name, Normalizer.Form.NFKC));
    StringBuilder out = new StringBuilder(normal.length());
    boolean separator = false;
    for (int i = 0; i < normal.length(); ) {
      int cp = normal.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '_' || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        separator = true;
        continue;
      }
      if (separator && out.length() > 0) {
        out.append('-');
      }
      separator = false;
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  /** Reduces a name or id to its lookup key (see the class comment). */
  static String key(String text) {
    String normal =
        withoutFormatCharacters(Normalizer.normalize(text, Normalizer.Form.NFKC))
            .toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(normal.length());
    boolean separator = false;
    for (int i = 0; i < normal.length(); ) {
      int cp = normal.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp) || cp == '.' || cp == '+') {
        if (separator && out.length() > 0) {
          out.append(' ');
        }
        separator = false;
        out.appendCodePoint(cp);
      } else {
        separator = true;
      }
    }
    return out.toString();
  }

  private static String withoutFormatCharacters(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) != Character.FORMAT) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  private static List<String> keyVariants(String key) {
    List<String> variants = new ArrayList<>(List.of(key));
    String trimmed = key.startsWith("the ") ? key.substring(4) : key;
    for (String suffix : List.of(" license", " licence")) {
      if (trimmed.endsWith(suffix)) {
        trimmed = trimmed.substring(0, trimmed.length() - suffix.length());
      }
    }
    variants.add(trimmed);
    return variants;
  }

  /** Reads Creative Commons names by their words; adds nothing unless the name says CC. */
  private static void creativeCommons(List<String> words, Set<String> ids) {
    boolean cc = false;
    boolean zero = false;
    boolean by = false;
    boolean nc = false;
    boolean nd = false;
    boolean sa = false;
    String version = null;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      switch (word) {
        case "cc" -> cc = true;
        case "cc0" -> {
          cc = true;
          zero = true;
        }
        case "creative" -> cc |= next.equals("commons");
        case "zero" -> zero = true;
        case "by", "attribution" -> by = true;
        case "nc", "noncommercial" -> nc = true;
        case "non" -> nc |= next.equals("commercial");
        case "nd", "noderivatives", "noderivs" -> nd = true;
        case "no" -> nd |= next.startsWith("deriv");
        case "sa", "sharealike" -> sa = true;
        case "share" -> sa |= next.equals("alike");
        default -> {
          Matcher m = VERSION.matcher(word);
          if (version == null && m.matches()) {
            version = m.group(1) + "." + (m.group(2) == null ? "0" : m.group(2));
          }
        }
      }
    }
    if (!cc) {
      return;
    }
    if (zero) {
      ids.add("CC0-" + (version == null ? "1.0" : version));
      return;
    }
    if (!(by || nc || nd || sa)) {
      return;
    }
    StringBuilder id = new StringBuilder("CC-BY");
    if (nc) {
      id.append("-NC");
    }
    if (nd) {
      id.append("-ND");
    }
    if (sa) {
      id.append("-SA");
    }
    if (version != null) {
      id.append('-').append(version);
    }
    ids.add(id.toString());
  }

  /** Reads GNU GPL, LGPL and AGPL names by their words; adds nothing unless the name says so. */
  private static void gnu(List<String> words, Set<String> ids) {
    String family = null;
    String major = null;
    String minor = null;
    boolean later = false;
    boolean only = false;
    boolean generalPublic = false;
    boolean lesser = false;
    boolean affero = false;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      Matcher token = GNU_TOKEN.matcher(word);
      Matcher version = VERSION.matcher(word);
      if (token.matches()) {
        family = token.group(1) == null ? "GPL" : token.group(1).equals("a") ? "AGPL" : "LGPL";
        if (token.group(2) != null) {
          major = token.group(2);
          minor = token.group(3);
        }
        later |= token.group(4) != null;
      } else if (word.equals("general") && next.equals("public")) {
        generalPublic = true;
      } else if (word.equals("lesser") || word.equals("library")) {
        lesser = true;
      } else if (word.equals("affero")) {
        affero = true;
      } else if (word.equals("later")) {
        later = true;
      } else if (word.equals("only")) {
        only = true;
      } else if (major == null && version.matches()) {
        major = version.group(1);
        minor = version.group(2);
        later |= version.group(3) != null;
      }
    }
    if (family == null && generalPublic) {
      family = affero ? "AGPL" : lesser ? "LGPL" : "GPL";
    }
    if (family == null) {
      return;
    }
    if (major == null) {
      ids.add(family);
      return;
    }
    // "GPL v3" is GPL-3.0 and "LGPL v2" the Library GPL 2.0: a missing minor version is 0.
    String base = family + "-" + major + "." + (minor == null ? "0" : minor);
    if (later) {
      ids.add(base + "-or-later");
      ids.add(base + "+");
    } else {
      ids.add(base + "-only");
      if (!only) {
        ids.add(base);
      }
    }
  }

  private static Map<String, Set<String>> table() {
    Map<String, Set<String>> loaded = table;
    if (loaded == null) {
      loaded = load();
      table = loaded;
    }
    return loaded;
  }

  private static Map<String, Set<String>> load() {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> byKey = new HashMap<>();
    for (JsonNode license : read(json, "/licenses/licenses.json").path("licenses")) {
      String id = license.path("licenseId").asText();
      put(byKey, key(id), id);
      put(byKey, key(license.path("name").asText()), id);
    }
    for (JsonNode mapping : read(json, "/license-mapping.json")) {
      try {
        List<String> ids = SpdxExpression.parse(mapping.path("exp").asText()).licenses();
        for (JsonNode name : mapping.path("names")) {
          for (String id : ids) {
            put(byKey, key(name.asText()), id);
          }
        }
      } catch (SpdxExpression.InvalidException e) {
        throw new IllegalStateException(
            "cyclonedx-core-java's license mapping has an invalid expression: " + mapping, e);
      }
    }
    byKey.remove("");
    return Map.copyOf(byKey);
  }

  private static void put(Map<String, Set<String>> byKey, String key, String id) {
    byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(id);
  }

  private static JsonNode read(ObjectMapper json, String resource) {
    try (InputStream in = Bom.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("resource " + resource + " is missing from cyclonedx-core-java");
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("SPDX license names could not be read", e);
    }
  }
}
