package app.offramp.adapter.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** onnxruntime's own shutdown hook freed its environment under a model still loading (issue 23). */
class OrtShutdownHookTest {
  @Test
  void onceTheModelIsLoadedOnnxruntimeHasNoShutdownHookLeft() throws Exception {
    assertThat(MiniLmSentenceEncoder.shared().encode("hello")).hasSize(MiniLmSentenceEncoder.DIMENSION);
    Class<?> hooksClass = Class.forName("java.lang.ApplicationShutdownHooks");
    Field hooksField = hooksClass.getDeclaredField("hooks");
    hooksField.setAccessible(true);
    Field target = Thread.class.getDeclaredField("target");
    target.setAccessible(true);
    synchronized (hooksClass) {
      Map<?, ?> hooks = (Map<?, ?>) hooksField.get(null);
      for (Object hook : hooks.keySet()) {
        Object runnable = target.get(hook);
        assertThat(runnable == null ? "" : runnable.getClass().getName()).isNotEqualTo(OrtShutdownHook.CLOSER);
      }
    }
    assertThat(OrtShutdownHook.remove()).as("nothing left to remove").isZero();
  }
}
