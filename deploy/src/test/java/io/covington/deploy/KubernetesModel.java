package io.covington.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.util.Map;

/**
 * Reads rendered objects into fabric8's Kubernetes and OpenShift model types, generated from the
 * API servers' schemas, refusing any field the type does not declare.
 */
final class KubernetesModel {

  /** The kinds the manifests may contain, by {@code apiVersion/kind}; anything else is an error. */
  static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
      "v1/ConfigMap", ConfigMap.class,
      "v1/Service", Service.class,
      "apps/v1/Deployment", Deployment.class,
      "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
      "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
      "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
      "route.openshift.io/v1/Route", Route.class,
      "monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class,
      "monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class);

  /**
   * fabric8's types keep unknown fields in an {@code additionalProperties} map through a
   * {@code @JsonAnySetter}, so a misspelt field would be read without complaint. Without
   * any-setters, Jackson's FAIL_ON_UNKNOWN_PROPERTIES names the field and its path instead.
   */
  private static final ObjectMapper STRICT = JsonMapper.builder()
      .annotationIntrospector(new JacksonAnnotationIntrospector() {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasAnySetter(Annotated annotated) {
          return Boolean.FALSE;
        }
      })
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
      .build();

  private KubernetesModel() {}

  /** The type for {@code object}'s apiVersion and kind. */
  static Class<? extends HasMetadata> typeOf(JsonNode object) {
    String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
    Class<? extends HasMetadata> type = TYPES.get(key);
    if (type == null) {
      throw new IllegalArgumentException("no model type for " + key + "; add it to KubernetesModel.TYPES");
    }
    return type;
  }

  /** Reads {@code object} into its model type; fails naming the path of any unknown field. */
  static HasMetadata read(JsonNode object) throws IOException {
    return STRICT.treeToValue(object, typeOf(object));
  }
}
