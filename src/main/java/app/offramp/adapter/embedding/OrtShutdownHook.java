package app.offramp.adapter.embedding;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the shutdown hook onnxruntime installs when its environment is first made. That hook
 * releases the native environment while the JVM stops, and JVM hooks run at the same time as
 * everything else: a stop while the model was still loading freed the environment under
 * {@code createSession} and killed the JVM (SIGSEGV in libonnxruntime, exit 134, an hs_err file;
 * onnxruntime#31352, regression of issue 23). The process is ending anyway: the operating system
 * takes the memory back, and {@link NativeCalls} lets a call under way finish first.
 *
 * <p>The hook is not public: it is found among the JVM's hooks by its class, which needs
 * {@code java.base/java.lang} open to this code ({@code Add-Opens} in the jar's manifest). Where it
 * is not (a test's class path), the hook stays and this says so at debug level.
 */
final class OrtShutdownHook {
  private static final Logger LOG = LoggerFactory.getLogger(OrtShutdownHook.class);
  static final String CLOSER = "ai.onnxruntime.OrtEnvironment$OrtEnvCloser";

  private OrtShutdownHook() {}

  /** How many of onnxruntime's hooks were removed (0 when none was found or they could not be reached). */
  static int remove() {
    try {
      Class<?> hooksClass = Class.forName("java.lang.ApplicationShutdownHooks");
      Field hooksField = hooksClass.getDeclaredField("hooks");
      hooksField.setAccessible(true);
      Field target = Thread.class.getDeclaredField("target");
      target.setAccessible(true);
      List<Thread> found = new ArrayList<>();
      synchronized (hooksClass) {
        Object hooks = hooksField.get(null);
        if (!(hooks instanceof Map<?, ?> map)) {
          return 0; // the JVM is already stopping
        }
        for (Object key : map.keySet()) {
          if (key instanceof Thread t && target.get(t) != null && target.get(t).getClass().getName().equals(CLOSER)) {
            found.add(t);
          }
        }
      }
      found.forEach(t -> Runtime.getRuntime().removeShutdownHook(t));
      return found.size();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.debug("onnxruntime's shutdown hook stays ({}); a stop while the model loads may crash the JVM", e.toString());
      return 0;
    }
  }
}
