package dev.modelseal.internal.policyfile;

import dev.modelseal.Identity;
import dev.modelseal.ModelVerificationException;
import dev.modelseal.internal.Globs;
import java.security.PublicKey;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads Kyverno attestor sets ({@code attestors: [{count, entries: [{keyless | keys | attestor}]}]})
 * into the signers a ModelSeal policy allows.
 *
 * <p>ModelSeal accepts evidence signed by any one allowed signer, which is Kyverno's {@code count:
 * 1}. A set that needs several signers (no {@code count}, which means all entries, with more than
 * one entry or key; {@code count} above 1; several sets, which are ANDed) is refused, because
 * reading it as "any one of them" would admit models Kyverno refuses.
 *
 * <p>Keyless {@code subject} and {@code issuer} are glob patterns in Kyverno ({@code *} and
 * {@code ?}); a glob subject becomes a whole-subject regex, a glob issuer is refused (the issuer is
 * always pinned). {@code subjectRegExp} must match the whole subject, where Kyverno and cosign
 * accept a match anywhere in it: stricter, never looser.
 */
final class KyvernoAttestors {
  private static final Set<String> SET_FIELDS = Set.of("count", "entries");
  private static final Set<String> ENTRY_FIELDS = Set.of("keys", "certificates", "keyless", "attestor",
      "annotations", "repository", "signatureAlgorithm");
  private static final Set<String> KEYS_FIELDS = Set.of("publicKeys", "signatureAlgorithm", "kms", "secret",
      "rekor", "ctlog");
  private static final Set<String> KEYLESS_FIELDS = Set.of("rekor", "ctlog", "issuer", "issuerRegExp",
      "subject", "subjectRegExp", "roots", "additionalExtensions");
  private static final Set<String> REKOR_FIELDS = Set.of("url", "pubkey", "ignoreTlog");
  private static final Set<String> CTLOG_FIELDS = Set.of("ignoreSCT", "pubkey", "tsaCertChain");
  private static final String ONE_SIGNER = "ModelSeal accepts evidence signed by any one allowed signer"
      + " (Kyverno's count: 1)";

  private KyvernoAttestors() {}

  /** The signers of an {@code attestors} list (absent: none). */
  static Signers read(PolicyNode attestors) throws ModelVerificationException {
    Signers signers = new Signers();
    if (attestors == null) {
      return signers;
    }
    List<PolicyNode> sets = attestors.elements();
    if (sets.size() > 1) {
      throw attestors.error(sets.size() + " attestor sets: Kyverno requires every set to be satisfied"
          + " (AND), and " + ONE_SIGNER + "; merge them into one set with count: 1");
    }
    for (PolicyNode set : sets) {
      attestorSet(set, signers);
    }
    return signers;
  }

  /**
   * The deprecated {@code kyverno.io/v1} shorthand on a {@code verifyImages} entry: {@code key}, or
   * {@code issuer} with {@code subject}; also refuses its {@code roots}, {@code annotations} and
   * {@code additionalExtensions}.
   */
  static void legacy(PolicyNode image, Signers signers) throws ModelVerificationException {
    image.optString("image");
    refuseNonEmpty(image, "annotations", "annotations cannot be checked: ModelSeal evidence carries none");
    refuseNonEmpty(image, "additionalExtensions", "certificate extension constraints are not supported;"
        + " pin the identity with subject/subjectRegExp instead");
    if (image.has("roots")) {
      throw image.error("roots", rootsMessage());
    }
    String key = image.optString("key");
    String issuer = image.optString("issuer");
    String subject = image.optString("subject");
    if (key != null) {
      if (issuer != null || subject != null) {
        // Kyverno's conversion of the shorthand uses key and silently drops issuer and subject.
        throw image.error("give key or issuer/subject, not both");
      }
      List<PublicKey> keys = PublicKeyText.parse(key, true, image.get("key"));
      if (keys.size() > 1) {
        throw image.error("key", keys.size() + " keys, all of which must sign (AND), and " + ONE_SIGNER
            + "; use attestors with count: 1");
      }
      signers.add(keys.get(0));
      return;
    }
    if (issuer == null && subject != null) {
      throw image.error("subject", "a subject without an issuer; the issuer must be pinned");
    }
    if (issuer != null) {
      if (subject == null) {
        throw image.error("issuer", "an issuer without a subject would accept anyone it issued to;"
            + " add subject");
      }
      signers.add(identity(image, issuer, subject, null));
    }
  }

  /** Adds a set's signers; returns nothing, fails when the set needs more than one signer. */
  private static void attestorSet(PolicyNode set, Signers signers) throws ModelVerificationException {
    set.allowOnly(SET_FIELDS);
    List<PolicyNode> entries = set.get("entries").elements();
    if (entries.isEmpty()) {
      throw set.error("entries", "an attestor set needs at least one entry");
    }
    long count = set.optLong("count", 1, Integer.MAX_VALUE, 0);
    if (count > entries.size()) {
      throw set.error("count", "count " + count + " exceeds the " + entries.size() + " entries");
    }
    int candidates = 0;
    for (PolicyNode entry : entries) {
      candidates += entry(entry, signers);
    }
    // Kyverno: no count means every entry must verify; several keys in one entry count separately.
    long required = count == 0 ? candidates : count;
    if (required > 1) {
      throw set.error((count == 0 ? "no count, so all " + candidates + " signers" : "count " + count
          + ", so " + count + " signers") + " must sign (AND), and " + ONE_SIGNER
          + "; set count: 1 to accept any one of them");
    }
  }

  /** Adds one entry's signers and returns how many candidates Kyverno counts it as. */
  private static int entry(PolicyNode entry, Signers signers) throws ModelVerificationException {
    entry.allowOnly(ENTRY_FIELDS);
    List<String> kinds = List.of("keys", "certificates", "keyless", "attestor").stream()
        .filter(entry::has).toList();
    if (kinds.size() != 1) {
      throw entry.error("an attestor entry needs exactly one of keys, certificates, keyless or attestor"
          + (kinds.isEmpty() ? "" : ", found " + String.join(", ", kinds)));
    }
    refuseNonEmpty(entry, "annotations", "annotations cannot be checked: ModelSeal evidence carries none");
    entry.optString("repository");
    entry.optString("signatureAlgorithm");
    switch (kinds.get(0)) {
      case "certificates" -> throw entry.error("certificates", "certificate attestors (cert, certChain) are"
          + " not supported: use keyless (certificates chain to the trust root) or keys");
      case "keys" -> {
        List<PublicKey> keys = keys(entry.get("keys"));
        keys.forEach(signers::add);
        return keys.size();
      }
      case "keyless" -> {
        keyless(entry.get("keyless"), signers);
        return 1;
      }
      default -> {
        PolicyNode nested = entry.get("attestor");
        attestorSet(nested.requireObject(), signers);
        return 1;
      }
    }
  }

  private static List<PublicKey> keys(PolicyNode keys) throws ModelVerificationException {
    keys.allowOnly(KEYS_FIELDS);
    if (keys.has("kms")) {
      throw keys.error("kms", "KMS keys cannot be fetched by an offline verifier; put the PEM public key"
          + " in publicKeys");
    }
    if (keys.has("secret")) {
      throw keys.error("secret", "Kubernetes Secrets cannot be read outside a cluster; put the PEM public"
          + " key in publicKeys");
    }
    keys.optString("signatureAlgorithm");
    transparency(keys);
    String pem = keys.string("publicKeys");
    if (pem.contains("k8s://") || pem.contains("{{")) {
      throw keys.error("publicKeys", "Kubernetes Secret references and variables cannot be resolved"
          + " outside a cluster; put the PEM public key here");
    }
    return PublicKeyText.parse(pem, true, keys.get("publicKeys"));
  }

  private static void keyless(PolicyNode keyless, Signers signers) throws ModelVerificationException {
    keyless.allowOnly(KEYLESS_FIELDS);
    if (keyless.has("roots")) {
      throw keyless.error("roots", rootsMessage());
    }
    refuseNonEmpty(keyless, "additionalExtensions", "certificate extension constraints are not supported;"
        + " pin the identity with subject/subjectRegExp instead");
    transparency(keyless);
    String issuer = keyless.optString("issuer");
    String issuerRegExp = keyless.optString("issuerRegExp");
    if (issuer == null) {
      throw keyless.error(issuerRegExp != null ? "issuerRegExp" : "issuer", issuerRegExp != null
          ? "not supported: the OIDC issuer must be pinned exactly; write it as issuer"
          : "missing: the OIDC issuer must be pinned");
    }
    if (issuerRegExp != null) {
      // Kyverno requires both to match; with the issuer pinned the regex can only narrow it.
      if (!find(keyless, "issuerRegExp", issuerRegExp, issuer)) {
        throw keyless.error("issuerRegExp", "does not match issuer '" + issuer + "', so no certificate"
            + " could satisfy both; the OIDC issuer must be pinned exactly (issuer)");
      }
    }
    String subject = keyless.optString("subject");
    String subjectRegExp = keyless.optString("subjectRegExp");
    if (subject == null && subjectRegExp == null) {
      throw keyless.error("subject", "missing: without subject or subjectRegExp any identity the issuer"
          + " vouches for would be accepted");
    }
    if (subject != null && subjectRegExp != null) {
      // Verifiers disagree on what both together mean (cosign lets the regex win, sigstore-go
      // requires both); reading either as "or" would admit more than Kyverno does.
      throw keyless.error("subjectRegExp", "given together with subject: use one of them (two"
          + " entries if either identity may sign)");
    }
    signers.add(subject != null
        ? identity(keyless, issuer, subject, null)
        : identity(keyless, issuer, null, subjectRegExp));
  }

  private static Identity identity(PolicyNode node, String issuer, String subject, String subjectRegExp)
      throws ModelVerificationException {
    if (issuer.indexOf('*') >= 0 || issuer.indexOf('?') >= 0) {
      throw node.error("issuer", "'" + issuer + "' is a wildcard pattern in Kyverno; the OIDC issuer must"
          + " be pinned exactly");
    }
    try {
      if (subjectRegExp != null) {
        return Identity.regex(subjectRegExp, issuer);
      }
      if (subject.indexOf('*') >= 0 || subject.indexOf('?') >= 0) {
        return Identity.regex(Globs.toRegex(subject), issuer);
      }
      return Identity.exact(subject, issuer);
    } catch (IllegalArgumentException e) {
      throw node.error(subjectRegExp != null ? "subjectRegExp" : "subject", e.getMessage());
    }
  }

  /** Go's {@code regexp.MatchString}: a match anywhere in {@code value}. */
  private static boolean find(PolicyNode node, String field, String regex, String value)
      throws ModelVerificationException {
    try {
      return Pattern.compile(regex).matcher(value).find();
    } catch (PatternSyntaxException e) {
      throw node.error(field, "invalid regex: " + e.getDescription());
    }
  }

  /** Refuses the tlog and SCT opt-outs and custom log keys; the log URL alone is harmless. */
  private static void transparency(PolicyNode attestor) throws ModelVerificationException {
    PolicyNode rekor = attestor.opt("rekor");
    if (rekor != null) {
      rekor.allowOnly(REKOR_FIELDS);
      rekor.optString("url");
      if (rekor.optBoolean("ignoreTlog", false)) {
        throw rekor.error("ignoreTlog", "true cannot be honoured: ModelSeal always verifies the"
            + " transparency log entry");
      }
      if (rekor.has("pubkey")) {
        throw rekor.error("pubkey", "custom log keys are not read from the policy; put the log in the"
            + " trusted_root.json passed as the trust root");
      }
    }
    PolicyNode ctlog = attestor.opt("ctlog");
    if (ctlog != null) {
      ctlog.allowOnly(CTLOG_FIELDS);
      if (ctlog.optBoolean("ignoreSCT", false)) {
        throw ctlog.error("ignoreSCT", "true cannot be honoured: ModelSeal always verifies the signed"
            + " certificate timestamp (SCT)");
      }
      for (String field : List.of("pubkey", "tsaCertChain")) {
        if (ctlog.has(field)) {
          throw ctlog.error(field, "custom CT log keys and timestamp authorities are not read from the"
              + " policy; put them in the trusted_root.json passed as the trust root");
        }
      }
    }
  }

  private static void refuseNonEmpty(PolicyNode node, String field, String why)
      throws ModelVerificationException {
    PolicyNode value = node.opt(field);
    if (value == null) {
      return;
    }
    value.requireObject();
    if (!value.json().isEmpty()) {
      throw value.error("not supported: " + why);
    }
  }

  private static String rootsMessage() {
    return "custom root certificates are not read from the policy: certificates are checked against"
        + " the trust root passed in (put a private CA in its trusted_root.json)";
  }
}
