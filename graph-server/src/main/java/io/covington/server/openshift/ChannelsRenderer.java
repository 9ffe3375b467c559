package io.covington.server.openshift;

import io.covington.graph.snapshot.ChannelSummary;
import io.covington.server.http.JsonBody;
import java.util.List;

/**
 * Renders the channel list of one architecture: {@code
 * {"arch":"amd64","channels":[{"name":"stable-4.16","releases":161},…]}}. A pure function.
 */
final class ChannelsRenderer {

  private ChannelsRenderer() {}

  public static byte[] render(String arch, List<ChannelSummary> channels) {
    return JsonBody.object(64 + channels.size() * 48, g -> {
      g.writeStringField("arch", arch);
      g.writeArrayFieldStart("channels");
      for (ChannelSummary channel : channels) {
        g.writeStartObject();
        g.writeStringField("name", channel.name());
        g.writeNumberField("releases", channel.releases());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
  }
}
