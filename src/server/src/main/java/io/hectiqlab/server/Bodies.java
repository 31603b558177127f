package io.hectiqlab.server;

import io.hectiqlab.internal.DocumentException;
import io.hectiqlab.internal.Documents;
import io.hectiqlab.server.LabServer.ApiError;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.EOFException;
import org.eclipse.jetty.http.HttpException;
import tools.jackson.databind.JsonNode;

/**
 * Reading request bodies: a body that cannot be read (cut before its Content-Length, a malformed
 * chunk) or is not JSON is the client's mistake, answered 400 with a {@code detail}, never a 500.
 */
final class Bodies {
  private Bodies() {}

  /**
   * The request body as text; 400 when it cannot be read whole or is not UTF-8 (never decoded with
   * replacement characters), 413 when it is too large.
   */
  static String read(Context ctx) {
    if (ctx.req().getContentLengthLong() > LabServer.MAX_BODY) {
      // refused before the body is touched: a client that sent "Expect: 100-continue" gets this
      // answer instead of "100 Continue", and need not upload what will be thrown away
      throw new ApiError(413, LabServer.TOO_LARGE);
    }
    byte[] bytes;
    try {
      bytes = ctx.bodyAsBytes();
    } catch (HttpResponseException e) {
      throw e; // 413 and the like, answered as they are
    } catch (Exception e) { // Kotlin code throws IOException unchecked
      throw new ApiError(400, "cannot read the request body: " + why(e, ctx));
    }
    try {
      return Documents.read(Documents.Input.bytes(bytes, ORIGIN));
    } catch (DocumentException e) {
      throw new ApiError(400, "invalid request body: " + e.location() + ": " + e.problem());
    }
  }

  private static String why(Throwable e, Context ctx) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EOFException || t.getClass().getSimpleName().equals("EofException")) {
        long length = ctx.req().getContentLengthLong();
        return length >= 0
            ? "it ended before its Content-Length (" + length + " bytes)"
            : "its chunked encoding is malformed or cut short";
      }
      if (t instanceof HttpException h) {
        String reason = h.getReason();
        return "malformed (" + (reason == null || reason.isBlank() ? "bad framing" : reason) + ")";
      }
    }
    return "malformed (" + e.getClass().getSimpleName() + ")";
  }

  /**
   * The body parsed as JSON by core's strict reader (numbers exact, {@code -0.0} kept, duplicate
   * keys and lone surrogates refused, nesting within {@link Documents#MAX_DEPTH}); 400 in core's
   * words with line and column when it is not JSON: {@code invalid request body: request body:1:4:
   * unexpected content after the end of the document}. The parser's own messages (feature and class
   * names) never reach the client.
   */
  static JsonNode parseJson(String text) {
    try {
      return Documents.parse(
              Documents.Input.text(text, ORIGIN), Documents.Format.JSON, Documents.Root.ANY)
          .root();
    } catch (DocumentException e) {
      throw new ApiError(400, "invalid request body: " + e.location() + ": " + e.problem());
    }
  }

  /** How errors name the body. */
  private static final String ORIGIN = "request body";
}
