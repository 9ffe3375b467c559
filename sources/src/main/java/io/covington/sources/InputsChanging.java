package io.covington.sources;

import java.io.IOException;
import java.time.Duration;

/**
 * Thrown by a source whose inputs are being changed while it looks at them (files still being
 * written, a tree still being copied in): what it would read now could be half old, half new.
 * The loader answers {@link LoadResult.Deferred} and the attempt is made again once they are quiet.
 */
public final class InputsChanging extends IOException {

  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  public InputsChanging(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** How long to wait before looking again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
