package io.hectiqlab.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Raw bytes to a server over a socket, and its answer as it came: for malformed HTTP. */
final class RawHttp {
  private RawHttp() {}

  /** An answer: status, the header block (lowercased names) and the body. */
  record Answer(int status, String headers, String body) {
    String header(String name) {
      for (String line : headers.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /**
   * Sends {@code request} and, with {@code halfClose}, closes the sending side (a body cut short
   * stays cut); reads the answer until the server closes or 10 s pass.
   */
  static Answer send(int port, byte[] request, boolean halfClose) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.setSoTimeout(10_000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      if (halfClose) {
        s.shutdownOutput();
      }
      return parse(readAll(s.getInputStream()));
    }
  }

  static Answer send(int port, String request, boolean halfClose) throws IOException {
    return send(port, request.getBytes(StandardCharsets.UTF_8), halfClose);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
          break;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException e) {
      // what came so far is the answer
    }
    return out.toByteArray();
  }

  /** Whether a whole answer with a Content-Length has arrived. */
  private static boolean complete(String text) {
    int end = text.indexOf("\r\n\r\n");
    if (end < 0) {
      return false;
    }
    String head = text.substring(0, end).toLowerCase(Locale.ROOT);
    int at = head.indexOf("content-length:");
    if (at < 0) {
      return head.contains("transfer-encoding: chunked") && text.endsWith("0\r\n\r\n");
    }
    int eol = head.indexOf("\r\n", at);
    long length = Long.parseLong(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
    return text.length() - end - 4 >= length;
  }

  private static Answer parse(byte[] raw) {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      return new Answer(-1, "", text);
    }
    int status = Integer.parseInt(text.substring(9, 12));
    String headers = text.substring(text.indexOf("\r\n") + 2, end);
    String body = text.substring(end + 4);
    if (headers.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
      StringBuilder sb = new StringBuilder();
      int i = 0;
      while (i < body.length()) {
        int eol = body.indexOf("\r\n", i);
        int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
        if (size == 0) {
          break;
        }
        sb.append(body, eol + 2, eol + 2 + size);
        i = eol + 2 + size + 2;
      }
      body = sb.toString();
    }
    body = new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    return new Answer(status, headers, body);
  }
}
