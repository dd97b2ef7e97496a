/**
 * The sentence encoder the matcher's {@link app.offramp.core.match.SentenceEncoder} port asks for:
 * an ONNX sentence model run in process. Only this package knows onnxruntime and langchain4j.
 */
package app.offramp.adapter.embedding;
