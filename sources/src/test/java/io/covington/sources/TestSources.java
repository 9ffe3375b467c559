package io.covington.sources;

import io.covington.graph.input.InvalidInputException;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Sources that misbehave on purpose, around real ones: held back by a gate, or unreachable. */
public final class TestSources {

  private TestSources() {}

  /** {@code source}, whose every update first waits (up to 20 s) for {@code gate} to open. */
  public static <T> Source<T> gated(Source<T> source, CountDownLatch gate) {
    return new Source<>() {
      @Override
      public String update() throws IOException, InterruptedException, InvalidInputException {
        if (!gate.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the test never opened the gate");
        }
        return source.update();
      }

      @Override
      public T read() throws IOException, InvalidInputException {
        return source.read();
      }

      @Override
      public String location() {
        return source.location();
      }
    };
  }

  /** A source that cannot be reached: every update fails with {@code failure}. */
  public static <T> Source<T> unreachable(IOException failure) {
    return new Source<>() {
      @Override
      public String update() throws IOException {
        throw failure;
      }

      @Override
      public T read() {
        throw new IllegalStateException("read() before a successful update()");
      }

      @Override
      public String location() {
        return "unreachable";
      }
    };
  }
}
