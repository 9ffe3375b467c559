package io.covington.server.changes;

import io.covington.graph.validate.GraphChange;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The changes of one channel as an Atom feed (RFC 4287), newest first: one entry per publication
 * that changed the channel, its title the changes in one line, its content one line per change.
 * Written with the JDK's StAX writer, which escapes every text.
 */
final class AtomFeed {

  static final String CONTENT_TYPE = "application/atom+xml";
  private static final String ATOM = "http://www.w3.org/2005/Atom";

  private AtomFeed() {}

  /**
   * @param feedUrl the feed's own absolute URL, its id and {@code self} link
   * @param channel the channel; empty for every channel
   * @param publications the publications to list, newest first, each with changes of the channel
   */
  static byte[] render(String feedUrl, String channel, List<Publication> publications, Instant now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(ATOM);
      text(x, "id", feedUrl);
      text(x, "title", "Covington: changes of " + (channel.isEmpty() ? "every channel" : channel));
      text(x, "updated", (publications.isEmpty() ? now : publications.get(0).at()).toString());
      x.writeStartElement("author");
      text(x, "name", "Covington update graph");
      x.writeEndElement();
      link(x, "self", feedUrl);
      for (Publication p : publications) {
        List<GraphChange> changes = p.of(channel);
        x.writeStartElement("entry");
        text(x, "id", feedUrl + (feedUrl.contains("?") ? "&" : "?") + "sequence=" + p.sequence());
        text(x, "title", title(changes));
        text(x, "updated", p.at().toString());
        StringBuilder content = new StringBuilder("Graph revision " + p.revision() + " (was " + p.baseRevision() + "):\n");
        changes.forEach(c -> content.append("- ").append(c.describe()).append('\n'));
        x.writeStartElement("content");
        x.writeAttribute("type", "text");
        x.writeCharacters(content.toString());
        x.writeEndElement();
        x.writeEndElement();
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("an Atom feed of plain strings must be writable", e);
    }
    return out.toByteArray();
  }

  private static String title(List<GraphChange> changes) {
    String first = changes.get(0).describe();
    String rest = changes.size() > 1 ? " (+" + (changes.size() - 1) + " more)" : "";
    return first + rest;
  }

  private static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
    x.writeStartElement(element);
    x.writeCharacters(value);
    x.writeEndElement();
  }

  private static void link(XMLStreamWriter x, String rel, String href) throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("href", href);
  }
}
