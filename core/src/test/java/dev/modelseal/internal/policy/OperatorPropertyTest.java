package dev.modelseal.internal.policy;

import static dev.modelseal.internal.policy.Fixtures.passes;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Relations between the Kyverno operators that must hold for every operand, checked on generated
 * operands (a fixed seed, so a failure reproduces; the message names the operands): Equals is
 * symmetric and agrees with the numeric operators, the numeric operators are a consistent order on
 * numbers, durations and quantities, and the In family behaves as the set relations it names.
 */
class OperatorPropertyTest {
  private static final int RUNS = 400;
  private static final List<String> ALPHABET = List.of("a", "b", "c", "d", "e");
  /** Quantity suffixes and their multipliers; "m" (milli) is left out: it is also Go's minute. */
  private static final List<String> SUFFIXES = List.of("", "k", "M", "G", "Ki", "Mi", "Gi");
  private static final List<BigDecimal> MULTIPLIERS = List.of(
      BigDecimal.ONE, BigDecimal.valueOf(1_000L), BigDecimal.valueOf(1_000_000L),
      BigDecimal.valueOf(1_000_000_000L), BigDecimal.valueOf(1L << 10), BigDecimal.valueOf(1L << 20),
      BigDecimal.valueOf(1L << 30));

  private final Random random = new Random(0x4b7976L);

  /** Numbers as they occur in predicates: small integers, decimals, large and tiny magnitudes. */
  private double number() {
    return switch (random.nextInt(5)) {
      case 0 -> random.nextInt(21) - 10;
      case 1 -> (random.nextInt(2001) - 1000) / 100.0;
      case 2 -> random.nextDouble();
      case 3 -> (random.nextBoolean() ? 1 : -1) * random.nextDouble() * 1e15;
      default -> random.nextDouble() * 1e-6;
    };
  }

  /** Pairs that are often equal, so that both outcomes of every relation are exercised. */
  private double[] numberPair() {
    double a = number();
    double b = random.nextInt(3) == 0 ? a : number();
    return new double[] {a, b};
  }

  private static String json(double d) {
    return Double.toString(d);
  }

  private static String quoted(String s) {
    return "\"" + s + "\"";
  }

  private static String list(List<String> values) {
    return values.stream().map(OperatorPropertyTest::quoted).collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void equalsIsSymmetricAndNotEqualsItsNegationForNumbers() {
    for (int i = 0; i < RUNS; i++) {
      double[] p = numberPair();
      String a = json(p[0]);
      String b = json(p[1]);
      String what = a + " / " + b;
      assertThat(passes(a, "Equals", b)).as(what).isEqualTo(passes(b, "Equals", a));
      assertThat(passes(a, "Equals", b)).as(what).isEqualTo(p[0] == p[1]);
      assertThat(passes(a, "NotEquals", b)).as(what).isEqualTo(!passes(a, "Equals", b));
      assertThat(passes(a, "Equals", quoted(a))).as(what).isTrue();
      assertThat(passes(a, "Equals", quoted(b))).as(what).isEqualTo(p[0] == p[1]);
    }
  }

  @Test
  void theNumericOperatorsAreOneConsistentOrderOnNumbers() {
    for (int i = 0; i < RUNS; i++) {
      double[] p = numberPair();
      String a = json(p[0]);
      String b = json(p[1]);
      String what = a + " / " + b;
      boolean gt = passes(a, "GreaterThan", b);
      boolean ge = passes(a, "GreaterThanOrEquals", b);
      boolean lt = passes(a, "LessThan", b);
      boolean le = passes(a, "LessThanOrEquals", b);
      boolean eq = passes(a, "Equals", b);
      assertThat(gt).as(what).isEqualTo(p[0] > p[1]);
      assertThat(lt).as(what).isEqualTo(p[0] < p[1]);
      assertThat(gt).as(what).isEqualTo(passes(b, "LessThan", a));
      assertThat(ge).as(what).isEqualTo(passes(b, "LessThanOrEquals", a));
      assertThat(ge).as(what).isEqualTo(!lt).isEqualTo(gt || eq);
      assertThat(le).as(what).isEqualTo(!gt).isEqualTo(lt || eq);
      assertThat((gt ? 1 : 0) + (lt ? 1 : 0) + (eq ? 1 : 0)).as(what).isEqualTo(1);
      // A numeric string on either side is the same number.
      assertThat(passes(quoted(a), "GreaterThan", b)).as(what).isEqualTo(gt);
      assertThat(passes(a, "GreaterThan", quoted(b))).as(what).isEqualTo(gt);
      assertThat(passes(quoted(a), "LessThan", quoted(b))).as(what).isEqualTo(lt);
    }
  }

  /** A Go duration of {@code nanos} written in one of several unit decompositions. */
  private String duration(long nanos) {
    if (nanos == 0) {
      return random.nextBoolean() ? "0s" : "0h0m";
    }
    return switch (random.nextInt(4)) {
      case 0 -> nanos + "ns";
      case 1 -> nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : nanos / 1_000 + "us" + nanos % 1_000 + "ns";
      case 2 -> {
        long h = nanos / 3_600_000_000_000L;
        long m = nanos / 60_000_000_000L % 60;
        long s = nanos / 1_000_000_000L % 60;
        long rest = nanos % 1_000_000_000L;
        yield h + "h" + m + "m" + s + "s" + rest + "ns";
      }
      default -> BigDecimal.valueOf(nanos).movePointLeft(9).toPlainString() + "s";
    };
  }

  /** Up to about eleven days, in whole seconds, milliseconds or nanoseconds. */
  private long nanos() {
    long unit = switch (random.nextInt(3)) {
      case 0 -> 1_000_000_000L;
      case 1 -> 1_000_000L;
      default -> 1L;
    };
    return (random.nextLong() >>> 1) % (1_000_000_000_000_000L / unit) * unit;
  }

  @Test
  void durationsAreOrderedByLengthWhateverTheirUnits() {
    for (int i = 0; i < RUNS; i++) {
      long x = nanos();
      long y = random.nextInt(3) == 0 ? x : nanos();
      String a = quoted(duration(x));
      String b = quoted(duration(y));
      String what = a + " / " + b;
      assertThat(passes(a, "Equals", b)).as(what).isEqualTo(x == y);
      assertThat(passes(a, "Equals", quoted(duration(x)))).as(what).isTrue();
      assertThat(passes(a, "GreaterThan", b)).as(what).isEqualTo(x > y);
      assertThat(passes(a, "LessThanOrEquals", b)).as(what).isEqualTo(x <= y);
      assertThat(passes(a, "GreaterThan", b)).as(what).isEqualTo(passes(b, "LessThan", a));
      if (x % 1_000_000_000L == 0) {
        // A number on the other side counts as seconds, for the numeric operators either way round.
        String seconds = Long.toString(x / 1_000_000_000L);
        assertThat(passes(a, "Equals", seconds)).as(what).isTrue();
        assertThat(passes(b, "GreaterThanOrEquals", seconds)).as(what).isEqualTo(y >= x);
        assertThat(passes(seconds, "LessThanOrEquals", b)).as(what).isEqualTo(y >= x);
        // Equals is not symmetric here: a number key reads the value only as a number, as
        // Kyverno's equal.go (validateValueWithFloatPattern) does, so 3600 does not equal "1h".
        assertThat(passes(seconds, "Equals", a)).as(what).isFalse();
      }
    }
  }

  @Test
  void quantitiesAreOrderedByValueWhateverTheirSuffixes() {
    for (int i = 0; i < RUNS; i++) {
      int sa = random.nextInt(SUFFIXES.size());
      int sb = random.nextInt(SUFFIXES.size());
      BigDecimal ma = BigDecimal.valueOf(1 + random.nextInt(4096), random.nextInt(3));
      BigDecimal mb = random.nextInt(3) == 0 && sa == sb ? ma : BigDecimal.valueOf(1 + random.nextInt(4096), random.nextInt(3));
      BigDecimal va = ma.multiply(MULTIPLIERS.get(sa));
      BigDecimal vb = mb.multiply(MULTIPLIERS.get(sb));
      String a = quoted(ma.toPlainString() + SUFFIXES.get(sa));
      String b = quoted(mb.toPlainString() + SUFFIXES.get(sb));
      String what = a + " / " + b;
      int c = va.compareTo(vb);
      assertThat(passes(a, "GreaterThan", b)).as(what).isEqualTo(c > 0);
      assertThat(passes(a, "LessThan", b)).as(what).isEqualTo(c < 0);
      assertThat(passes(a, "GreaterThanOrEquals", b)).as(what).isEqualTo(c >= 0);
      assertThat(passes(a, "Equals", b)).as(what).isEqualTo(c == 0);
      assertThat(passes(b, "Equals", a)).as(what).isEqualTo(c == 0);
    }
  }

  private List<String> strings(int min, int max) {
    int n = min + random.nextInt(max - min + 1);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(ALPHABET.get(random.nextInt(ALPHABET.size())));
    }
    return out;
  }

  @Test
  void theInFamilyIsTheSetRelationsItNames() {
    for (int i = 0; i < RUNS; i++) {
      List<String> keys = strings(1, 4);
      List<String> values = strings(0, 4);
      Set<String> k = new HashSet<>(keys);
      Set<String> v = new HashSet<>(values);
      boolean subset = v.containsAll(k);
      boolean meets = k.stream().anyMatch(v::contains);
      String key = list(keys);
      String value = list(values);
      String what = key + " / " + value;
      assertThat(passes(key, "AllIn", value)).as(what).isEqualTo(subset);
      assertThat(passes(key, "AnyIn", value)).as(what).isEqualTo(meets);
      assertThat(passes(key, "AllNotIn", value)).as(what).isEqualTo(!meets);
      assertThat(passes(key, "AnyNotIn", value)).as(what).isEqualTo(!subset);
      assertThat(passes(key, "In", value)).as(what).isEqualTo(subset);
      assertThat(passes(key, "NotIn", value)).as(what).isEqualTo(!subset);
      // The same list written as a JSON string value means the same.
      String asString = quoted(value.replace("\"", "\\\""));
      assertThat(passes(key, "AllIn", asString)).as(what).isEqualTo(subset);
      assertThat(passes(key, "AnyIn", asString)).as(what).isEqualTo(meets);
      String one = quoted(keys.get(0));
      boolean in = v.contains(keys.get(0));
      for (String op : List.of("In", "AnyIn", "AllIn")) {
        assertThat(passes(one, op, value)).as(op + " " + one + " / " + value).isEqualTo(in);
      }
      for (String op : List.of("NotIn", "AnyNotIn", "AllNotIn")) {
        assertThat(passes(one, op, value)).as(op + " " + one + " / " + value).isEqualTo(!in);
      }
    }
  }

  @Test
  void aNumberIsInAListOfNumbersExactlyWhenItEqualsOne() {
    for (int i = 0; i < RUNS; i++) {
      double[] p = numberPair();
      String a = json(p[0]);
      String b = json(p[1]);
      String c = json(number());
      String list = "[" + b + "," + c + "]";
      boolean equalsOne = passes(a, "Equals", b) || passes(a, "Equals", c);
      assertThat(passes(a, "AnyIn", list)).as(a + " / " + list).isEqualTo(equalsOne);
      assertThat(passes(a, "AllNotIn", list)).as(a + " / " + list).isEqualTo(!equalsOne);
    }
  }

  @Test
  void aRangeHoldsExactlyTheNumbersBetweenItsEnds() {
    for (int i = 0; i < RUNS; i++) {
      int low = random.nextInt(50);
      int high = low + random.nextInt(50);
      int n = random.nextInt(120) - 10;
      String range = quoted(low + "-" + high);
      boolean inside = low <= n && n <= high;
      String what = n + " / " + range;
      assertThat(passes(Integer.toString(n), "AnyIn", range)).as(what).isEqualTo(inside);
      assertThat(passes("[" + n + "]", "AllIn", range)).as(what).isEqualTo(inside);
      assertThat(passes("[" + n + "]", "AllNotIn", range)).as(what).isEqualTo(!inside);
      assertThat(passes("[" + n + "]", "AnyNotIn", range)).as(what).isEqualTo(!inside);
    }
  }
}
