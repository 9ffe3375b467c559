package io.covington.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What each overlay promises on top of the base. */
class OverlaysTest {

  private static boolean selects(LabelSelector selector, Map<String, String> labels) {
    return selector.getMatchExpressions().isEmpty()
        && !selector.getMatchLabels().isEmpty()
        && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
  }

  private static Map<String, String> podLabels(Rendering rendering) {
    return rendering.deployment().getSpec().getTemplate().getMetadata().getLabels();
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "openshift"})
  void productionRunsThreeOrMoreReplicasOnDifferentHosts(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    Deployment deployment = rendering.deployment();
    HorizontalPodAutoscaler autoscaler = rendering.one(HorizontalPodAutoscaler.class);
    PodDisruptionBudget budget = rendering.one(PodDisruptionBudget.class);

    assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(3);
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(autoscaler.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
    assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThan(autoscaler.getSpec().getMinReplicas());
    assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
    assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
    assertThat(selects(budget.getSpec().getSelector(), podLabels(rendering))).isTrue();
    assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    List<WeightedPodAffinityTerm> antiAffinity = deployment.getSpec().getTemplate().getSpec().getAffinity()
        .getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
    assertThat(antiAffinity).anySatisfy(term -> {
      assertThat(term.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
      assertThat(selects(term.getPodAffinityTerm().getLabelSelector(), podLabels(rendering))).isTrue();
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"production", "openshift"})
  void productionIsScrapedAndFencedOff(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    ServiceMonitor monitor = rendering.one(ServiceMonitor.class);
    NetworkPolicy policy = rendering.one(NetworkPolicy.class);

    assertThat(selects(monitor.getSpec().getSelector(), rendering.service().getMetadata().getLabels())).isTrue();
    assertThat(rendering.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true");
    assertThat(selects(policy.getSpec().getPodSelector(), podLabels(rendering))).isTrue();
    assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
    List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
    assertThat(rules).anySatisfy(rule -> {
      assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
      assertThat(rule.getFrom()).as("the API is open to every client").isEmpty();
    });
    assertThat(rules).anySatisfy(rule -> {
      assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("status"));
      assertThat(rule.getFrom()).as("the status port only to the monitoring namespace")
          .singleElement().satisfies(peer -> assertThat(peer.getNamespaceSelector().getMatchLabels()).isNotEmpty());
    });
  }

  @Test
  void openshiftTerminatesTlsAtTheRouterAndLetsTheSccPickTheUid() throws Exception {
    Rendering rendering = Rendering.of("openshift");
    Route route = rendering.one(Route.class);

    assertThat(route.getSpec().getTls().getTermination()).isEqualTo("edge");
    assertThat(route.getSpec().getTls().getInsecureEdgeTerminationPolicy()).isEqualTo("Redirect");
    assertThat(route.getSpec().getTo().getKind()).isEqualTo("Service");
    var security = rendering.deployment().getSpec().getTemplate().getSpec().getSecurityContext();
    assertThat(security.getRunAsUser()).isNull();
    assertThat(security.getRunAsGroup()).isNull();
    assertThat(security.getFsGroup()).isNull();
    assertThat(security.getRunAsNonRoot()).isTrue();
  }

  @Test
  void gitDataFollowsTheRepositoryIntoAnEmptyDir() throws Exception {
    Rendering rendering = Rendering.of("git-data");
    Map<String, String> configuration = rendering.configuration().getData();

    assertThat(configuration).containsKeys(
        "COVINGTON_GRAPH_DATA_GIT", "COVINGTON_GRAPH_DATA_BRANCH", "COVINGTON_RELOAD_INTERVAL", "COVINGTON_CACHE_DIR");
    assertThat(configuration.get("COVINGTON_GRAPH_DATA_GIT")).startsWith("https://");
    assertThat(configuration).containsEntry("COVINGTON_PORT", "8080").as("the base's settings are merged, not replaced");
    var pod = rendering.deployment().getSpec().getTemplate().getSpec();
    var mount = pod.getContainers().get(0).getVolumeMounts().stream()
        .filter(m -> m.getMountPath().equals(configuration.get("COVINGTON_CACHE_DIR")))
        .findFirst().orElseThrow();
    assertThat(pod.getVolumes()).anySatisfy(v -> {
      assertThat(v.getName()).isEqualTo(mount.getName());
      assertThat(v.getEmptyDir()).isNotNull();
    });
  }

  @Test
  void disconnectedReadsTheMirrorWithItsLoginAndCaAndVerifiesSignatures() throws Exception {
    Rendering rendering = Rendering.of("disconnected");
    Map<String, String> configuration = rendering.configuration().getData();
    PodSpec pod = rendering.deployment().getSpec().getTemplate().getSpec();
    List<VolumeMount> mounts = pod.getContainers().get(0).getVolumeMounts();

    assertThat(configuration.get("COVINGTON_RELEASES_REGISTRY")).endsWith("/openshift/release-images");
    assertThat(configuration.get("COVINGTON_GRAPH_DATA_IMAGE")).contains("/openshift/graph-image:");
    // The image's signature is read from the mounted signatures directory itself.
    assertThat(configuration.get("COVINGTON_GRAPH_DATA_SIGNATURE_STORE")).isEqualTo("file://" + configuration.get("COVINGTON_SIGNATURES_DIR"));
    assertThat(configuration).containsEntry("COVINGTON_PORT", "8080").as("the base's settings are merged, not replaced");
    // Each file or directory a flag names is inside a read-only mount of the right kind of volume.
    Map<String, String> kinds = Map.of(
        "COVINGTON_REGISTRY_AUTH", "secret", "COVINGTON_REGISTRY_CA", "secret",
        "COVINGTON_RELEASE_KEYRING", "configMap", "COVINGTON_GRAPH_DATA_KEYRING", "configMap",
        "COVINGTON_SIGNATURES_DIR", "persistentVolumeClaim");
    kinds.forEach((variable, kind) -> {
      String path = configuration.get(variable);
      assertThat(path).as(variable).isNotNull();
      VolumeMount mount = mounts.stream().filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
          .findFirst().orElseThrow(() -> new AssertionError(variable + "=" + path + " is in no mount"));
      assertThat(mount.getReadOnly()).as(variable).isTrue();
      Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
      assertThat(kind.equals("secret") ? volume.getSecret() : kind.equals("configMap") ? volume.getConfigMap()
          : volume.getPersistentVolumeClaim()).as("%s is on a %s volume", variable, kind).isNotNull();
      if (volume.getSecret() != null && volume.getSecret().getItems() != null && !volume.getSecret().getItems().isEmpty()) {
        assertThat(volume.getSecret().getItems()).as("%s: the file the flag names is projected", variable)
            .anySatisfy(item -> assertThat(mount.getMountPath() + "/" + item.getPath()).isEqualTo(path));
      }
    });
    assertThat(mounts).anySatisfy(m -> {
      assertThat(m.getMountPath()).isEqualTo(configuration.get("COVINGTON_REGISTRY_CACHE_DIR"));
      assertThat(pod.getVolumes()).anySatisfy(v -> {
        assertThat(v.getName()).isEqualTo(m.getName());
        assertThat(v.getEmptyDir()).isNotNull();
      });
    });
  }
}
