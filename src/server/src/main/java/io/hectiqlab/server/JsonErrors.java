package io.hectiqlab.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a malformed URI or header, 414, 431, ...) as the lab's JSON: {@code
 * {"detail": "..."}} with the status Jetty chose, never an HTML page or a stack trace.
 */
final class JsonErrors extends ErrorHandler {
  private static final HttpField JSON_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

  /** The detail for a status and Jetty's message. */
  static String detail(int status, String message) {
    String reason = HttpStatus.getMessage(status);
    String said =
        message == null || message.isBlank() || message.equals(reason)
            ? ""
            : ": " + message.strip();
    return switch (status) {
      case 414 -> "request URI too long" + said;
      case 431 -> "request headers too large" + said;
      case 400 ->
          "bad request" + (said.isEmpty() ? ": malformed request line, URI or headers" : said);
      default -> reason.toLowerCase(java.util.Locale.ROOT) + said;
    };
  }

  static String body(int status, String message) {
    return LabServer.JSON.createObjectNode().put("detail", detail(status, message)).toString();
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    response.getHeaders().put(JSON_TYPE);
    response.write(
        true, ByteBuffer.wrap(body(code, message).getBytes(StandardCharsets.UTF_8)), callback);
  }
}
