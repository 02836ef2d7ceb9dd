package io.pgfleet.testenv.cloud.ec2;

import java.util.Map;

/** Writes the plain element-only XML EC2 answers with (no attributes but the namespace). */
final class Xml {

  static final String NAMESPACE = "http://ec2.amazonaws.com/doc/2016-11-15/";

  private final StringBuilder out = new StringBuilder();

  /** {@code <ActionResponse xmlns=…><requestId>…</requestId>}, closed by {@link #end}. */
  static Xml response(String action, String requestId) {
    Xml xml = new Xml();
    xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.out.append('<').append(action).append("Response xmlns=\"").append(NAMESPACE).append("\">");
    return xml.leaf("requestId", requestId);
  }

  /** EC2's error document: {@code <Response><Errors><Error>…</Error></Errors><RequestID>}. */
  static String error(String code, String message, String requestId) {
    Xml xml = new Xml();
    xml.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    return xml.open("Response")
        .open("Errors")
        .open("Error")
        .leaf("Code", code)
        .leaf("Message", message)
        .close("Error")
        .close("Errors")
        .leaf("RequestID", requestId)
        .close("Response")
        .toString();
  }

  Xml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  Xml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  /** {@code <name>value</name>}; nothing when the value is null. */
  Xml leaf(String name, Object value) {
    if (value != null) {
      open(name);
      out.append(escape(String.valueOf(value)));
      close(name);
    }
    return this;
  }

  /** {@code <tagSet><item><key>…</key><value>…</value></item>…</tagSet>}. */
  Xml tagSet(Map<String, String> tags) {
    open("tagSet");
    tags.forEach((k, v) -> open("item").leaf("key", k).leaf("value", v).close("item"));
    return close("tagSet");
  }

  String end(String action) {
    close(action + "Response");
    return out.toString();
  }

  @Override
  public String toString() {
    return out.toString();
  }

  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '&' -> escaped.append("&amp;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
