package io.covington.server.openshift;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.covington.graph.snapshot.ChannelSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Renders the channel list of one architecture: {@code
 * {"arch":"amd64","channels":[{"name":"stable-4.16","releases":161},…]}}. A pure function.
 */
public final class ChannelsRenderer {

  private static final JsonFactory JSON = new JsonFactory();

  private ChannelsRenderer() {}

  public static byte[] render(String arch, List<ChannelSummary> channels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + channels.size() * 48);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("arch", arch);
      g.writeArrayFieldStart("channels");
      for (ChannelSummary channel : channels) {
        g.writeStartObject();
        g.writeStringField("name", channel.name());
        g.writeNumberField("releases", channel.releases());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
