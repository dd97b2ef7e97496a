/**
 * Measuring the matcher on labelled questions: accuracy, per-intent precision, recall and F1, the
 * out-of-scope false-accept rate and matching speed, with reports in the shape {@code rasa test nlu}
 * writes so existing tooling can read them.
 */
package app.offramp.core.eval;
