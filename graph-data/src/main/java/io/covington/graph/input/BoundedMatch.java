package io.covington.graph.input;

import java.util.regex.Pattern;

/**
 * Regular-expression searches that cannot hang: the text is read through a character sequence
 * that counts every character the matcher looks at, and a search that looks at more than {@link
 * #STEPS} (a pattern that backtracks catastrophically, such as {@code (a+)+b}) or whose thread is
 * interrupted (an attempt abandoned at its deadline) ends with {@link TooSlow}. A real block's
 * pattern looks at a few hundred characters of a release id.
 */
public final class BoundedMatch {

  /** The characters one search may look at. */
  public static final int STEPS = 1_000_000;

  private BoundedMatch() {}

  /**
   * Whether {@code pattern} is found in {@code text}.
   *
   * @throws TooSlow when the search looks at more than {@link #STEPS} characters or is interrupted
   */
  public static boolean find(Pattern pattern, String text) {
    return pattern.matcher(new Counted(text, pattern)).find();
  }

  /** A search that would take too long, or was interrupted. */
  public static final class TooSlow extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooSlow(Pattern pattern, String text, boolean interrupted) {
      super(interrupted
          ? "searching " + pattern.pattern() + " in " + text + " was interrupted"
          : "the pattern " + pattern.pattern() + " takes more than " + STEPS + " steps to search " + text
              + " (catastrophic backtracking); simplify it");
    }
  }

  private static final class Counted implements CharSequence {
    private final String text;
    private final Pattern pattern;
    private final int[] steps;

    Counted(String text, Pattern pattern) {
      this(text, pattern, new int[1]);
    }

    private Counted(String text, Pattern pattern, int[] steps) {
      this.text = text;
      this.pattern = pattern;
      this.steps = steps;
    }

    @Override
    public char charAt(int index) {
      if (++steps[0] > STEPS) {
        throw new TooSlow(pattern, text, false);
      }
      if ((steps[0] & 0xfff) == 0 && Thread.currentThread().isInterrupted()) {
        throw new TooSlow(pattern, text, true);
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Counted(text.substring(start, end), pattern, steps);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
