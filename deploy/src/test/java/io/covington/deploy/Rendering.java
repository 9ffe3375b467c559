package io.covington.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One kustomization rendered: the YAML stream, its objects as trees and as model types.
 *
 * @param name {@code base} or the overlay's directory name
 * @param yaml what {@code kubectl kustomize} printed
 * @param trees each object as parsed YAML
 * @param objects each object in its model type, in the same order
 */
record Rendering(String name, String yaml, List<JsonNode> trees, List<HasMetadata> objects) {

  static final ObjectMapper YAML = new YAMLMapper();

  /** {@code base} and every directory under {@code deploy/k8s/overlays}. */
  static List<String> names() {
    try (Stream<Path> overlays = Files.list(Paths.k8s().resolve("overlays"))) {
      List<String> names = new ArrayList<>(List.of("base"));
      overlays.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(names::add);
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path directory(String name) {
    return name.equals("base") ? Paths.k8s().resolve("base") : Paths.k8s().resolve("overlays").resolve(name);
  }

  static Path golden(String name) {
    return Paths.k8s().resolve("rendered").resolve(name + ".yaml");
  }

  static Rendering of(String name) throws IOException {
    String yaml = Kustomize.render(directory(name));
    List<JsonNode> trees = parse(yaml);
    List<HasMetadata> objects = new ArrayList<>();
    for (JsonNode tree : trees) {
      objects.add(KubernetesModel.read(tree));
    }
    return new Rendering(name, yaml, trees, objects);
  }

  /** The objects of a YAML stream; empty documents are skipped. */
  static List<JsonNode> parse(String yaml) throws IOException {
    List<JsonNode> trees = new ArrayList<>();
    for (JsonNode tree : YAML.readerFor(JsonNode.class).readValues(yaml).readAll().toArray(new JsonNode[0])) {
      if (tree != null && !tree.isNull() && !tree.isMissingNode()) {
        trees.add(tree);
      }
    }
    return trees;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> Optional<T> find(Class<T> type) {
    List<T> all = all(type);
    if (all.size() > 1) {
      throw new IllegalStateException(name + ": more than one " + type.getSimpleName());
    }
    return all.stream().findFirst();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    return find(type).orElseThrow(() -> new AssertionError(name + " renders no " + type.getSimpleName()));
  }

  Deployment deployment() {
    return one(Deployment.class);
  }

  Service service() {
    return one(Service.class);
  }

  /** The ConfigMap the Deployment's container takes its environment from. */
  ConfigMap configuration() {
    String name = deployment().getSpec().getTemplate().getSpec().getContainers().get(0)
        .getEnvFrom().get(0).getConfigMapRef().getName();
    return all(ConfigMap.class).stream()
        .filter(c -> c.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(this.name + ": envFrom names " + name + ", which is not rendered"));
  }

  /**
   * A tree for comparing renderings made by different kubectl versions: they hash generated
   * names differently ({@code covington-config-<hash>}) and kubectl 1.20 adds empty labels and
   * annotations to merged ConfigMaps. Nothing else is normalised.
   */
  static JsonNode comparable(JsonNode tree) {
    JsonNode copy = tree.deepCopy();
    normalise(copy);
    return copy;
  }

  private static void normalise(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String empty : List.of("labels", "annotations")) {
        JsonNode value = object.get(empty);
        if (value != null && value.isObject() && value.isEmpty() && object.has("name")) {
          object.remove(empty);
        }
      }
      object.properties().forEach(entry -> {
        if (entry.getValue().isTextual()) {
          entry.setValue(object.textNode(entry.getValue().asText().replaceAll("^(covington-config)-[a-z0-9]{10}$", "$1-<hash>")));
        } else {
          normalise(entry.getValue());
        }
      });
    } else if (node != null && node.isArray()) {
      node.forEach(Rendering::normalise);
    }
  }
}
