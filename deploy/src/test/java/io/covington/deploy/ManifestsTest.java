package io.covington.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.covington.server.cli.CovingtonCommand;
import io.covington.server.cli.DurationConverter;
import io.covington.server.cli.EnvironmentDefaults;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kustomization under {@code deploy/k8s}, as {@code kubectl kustomize} renders it: typed by
 * the Kubernetes API's own model, unchanged from its reviewed golden copy, restricted, and wired
 * to the ports and paths the server really uses.
 */
class ManifestsTest {

  static List<String> renderings() {
    return Rendering.names();
  }

  static Container container(Rendering rendering) {
    List<Container> containers = podSpec(rendering).getContainers();
    assertThat(containers).as(rendering.name() + ": containers").hasSize(1);
    return containers.get(0);
  }

  static PodSpec podSpec(Rendering rendering) {
    return rendering.deployment().getSpec().getTemplate().getSpec();
  }

  /** The value the server gets for {@code variable}, or {@code otherwise} when the ConfigMap leaves it out. */
  static String setting(Rendering rendering, String variable, String otherwise) {
    return rendering.configuration().getData().getOrDefault(variable, otherwise);
  }

  static int port(Container container, IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(() -> new AssertionError("container " + container.getName() + " has no port named " + port.getStrVal()));
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void readsIntoTheKubernetesModelWithoutUnknownFields(String name) throws Exception {
    Rendering rendering = Rendering.of(name);

    assertThat(rendering.objects()).hasSameSizeAs(rendering.trees()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(rendering.objects()).allSatisfy(o -> assertThat(o.getMetadata().getName()).isNotBlank());
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void matchesItsReviewedGoldenCopy(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    List<JsonNode> golden = Rendering.parse(Files.readString(Rendering.golden(name)));

    assertThat(sorted(rendering.trees()))
        .as("%s differs from `kubectl kustomize %s`; run deploy/k8s/render.sh and review the diff",
            Rendering.golden(name), Rendering.directory(name))
        .isEqualTo(sorted(golden));
  }

  private static List<JsonNode> sorted(List<JsonNode> trees) {
    return trees.stream()
        .map(Rendering::comparable)
        .sorted(Comparator.comparing(t -> t.path("kind").asText() + "/" + t.path("metadata").path("name").asText()))
        .toList();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyPodMeetsTheRestrictedProfile(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    PodSpec pod = podSpec(rendering);

    assertThat(RestrictedProfile.violations(pod)).as(name).isEmpty();
    assertThat(pod.getEnableServiceLinks()).as("enableServiceLinks: a Service named covington sets COVINGTON_PORT").isFalse();
    assertThat(pod.getAutomountServiceAccountToken()).as("the server never calls the API server").isFalse();
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void writableVolumesAreOnlyTmpAndTheCache(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    Set<String> emptyDirs = podSpec(rendering).getVolumes().stream()
        .filter(v -> v.getEmptyDir() != null)
        .map(v -> v.getName())
        .collect(Collectors.toSet());
    Set<String> allowed = new HashSet<>(Set.of("/tmp"));
    List<VolumeMount> mounts = container(rendering).getVolumeMounts();
    assertThat(mounts).extracting(VolumeMount::getMountPath).contains("/tmp");
    for (String variable : List.of("COVINGTON_CACHE_DIR", "COVINGTON_REGISTRY_CACHE_DIR")) {
      String cache = setting(rendering, variable, null);
      if (cache != null) {
        allowed.add(cache);
        assertThat(mounts).extracting(VolumeMount::getMountPath).as(variable).contains(cache);
      }
    }
    assertThat(mounts)
        .filteredOn(m -> !Boolean.TRUE.equals(m.getReadOnly()))
        .allSatisfy(m -> {
          assertThat(emptyDirs).as("writable mount %s is an emptyDir", m.getMountPath()).contains(m.getName());
          assertThat(allowed).as("writable mount").contains(m.getMountPath());
        });
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void probesAskTheStatusPortTheServerListensOn(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    Container container = container(rendering);
    int statusPort = Integer.parseInt(setting(rendering, "COVINGTON_STATUS_PORT", "9080"));
    int apiPort = Integer.parseInt(setting(rendering, "COVINGTON_PORT", "8080"));

    Map<String, Probe> probes = Map.of(
        "/liveness ", container.getStartupProbe(),
        "/readiness", container.getReadinessProbe(),
        "/liveness", container.getLivenessProbe());
    probes.forEach((path, probe) -> {
      assertThat(probe).as("%s: probe for %s", name, path).isNotNull();
      assertThat(probe.getHttpGet().getPath()).isEqualTo(path.strip());
      assertThat(port(container, probe.getHttpGet().getPort())).as("%s: probe port of %s", name, path).isEqualTo(statusPort);
    });
    assertThat(port(container, new IntOrString("status"))).isEqualTo(statusPort);
    assertThat(port(container, new IntOrString("http"))).isEqualTo(apiPort);
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyPortNamedElsewhereExists(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    Container container = container(rendering);
    Set<String> servicePorts = rendering.service().getSpec().getPorts().stream()
        .map(ServicePort::getName).collect(Collectors.toSet());

    for (ServicePort port : rendering.service().getSpec().getPorts()) {
      assertThat(port(container, port.getTargetPort())).isEqualTo(port.getPort());
    }
    for (ServiceMonitor monitor : rendering.all(ServiceMonitor.class)) {
      assertThat(monitor.getSpec().getEndpoints()).allSatisfy(e -> {
        assertThat(servicePorts).contains(e.getPort());
        assertThat(e.getPath()).isEqualTo("/metrics");
      });
    }
    for (NetworkPolicy policy : rendering.all(NetworkPolicy.class)) {
      policy.getSpec().getIngress().forEach(rule -> rule.getPorts().forEach(p -> port(container, p.getPort())));
    }
    rendering.find(Route.class).ifPresent(route -> {
      assertThat(route.getSpec().getTo().getName()).isEqualTo(rendering.service().getMetadata().getName());
      assertThat(servicePorts).contains(route.getSpec().getPort().getTargetPort().getStrVal());
    });
    Map<String, String> annotations = rendering.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey("prometheus.io/port")) {
      assertThat(Integer.parseInt(annotations.get("prometheus.io/port"))).isEqualTo(port(container, new IntOrString("status")));
      assertThat(annotations).containsEntry("prometheus.io/path", "/metrics");
    }
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void everyVariableIsAServerFlag(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    Set<String> flags = CovingtonCommand.commandLine(new CovingtonCommand(), Map.of()).getCommandSpec().options().stream()
        .filter(o -> !o.usageHelp() && !o.versionHelp())
        .map(EnvironmentDefaults::variable)
        .collect(Collectors.toSet());

    assertThat(rendering.configuration().getData().keySet())
        .allSatisfy(variable -> assertThat(flags.contains(variable))
            .as("%s: %s is no flag of the server (see covington --help)", name, variable)
            .isTrue());
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void theGracePeriodCoversTheServersShutdown(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    DurationConverter durations = new DurationConverter();
    Duration delay = durations.convert(setting(rendering, "COVINGTON_SHUTDOWN_DELAY", "0s"));
    Duration grace = durations.convert(setting(rendering, "COVINGTON_SHUTDOWN_GRACE", "20s"));
    long period = podSpec(rendering).getTerminationGracePeriodSeconds();

    // Vert.x's own close after the drain takes up to a couple of seconds more.
    assertThat(Duration.ofSeconds(period)).isGreaterThanOrEqualTo(delay.plus(grace).plusSeconds(2));
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void theImageIsPinnedAndRunsAsTheImagesUser(String name) throws Exception {
    Rendering rendering = Rendering.of(name);
    Container container = container(rendering);
    Containerfile image = Containerfile.read();

    assertThat(container.getImage()).matches("[a-z0-9.\\-]+(:[0-9]+)?/[a-z0-9./\\-]+:[A-Za-z0-9_.\\-]+").doesNotEndWith(":latest");
    Long uid = podSpec(rendering).getSecurityContext().getRunAsUser();
    if (uid != null) {
      assertThat(image.user()).startsWith(uid + ":");
    }
  }

  @ParameterizedTest
  @MethodSource("renderings")
  void memoryIsRequestedAsMuchAsItIsLimited(String name) throws Exception {
    Container container = container(Rendering.of(name));
    Map<String, Quantity> requests = container.getResources().getRequests();
    Map<String, Quantity> limits = container.getResources().getLimits();

    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(limits).containsKeys("memory");
    assertThat(Quantity.getAmountInBytes(requests.get("memory"))).isEqualTo(Quantity.getAmountInBytes(limits.get("memory")));
  }

  @org.junit.jupiter.api.Test
  void theSuggestedAlertsReadIntoThePrometheusRuleModel() throws Exception {
    List<JsonNode> trees = Rendering.parse(Files.readString(Paths.k8s().resolve("examples/prometheusrule.yaml")));

    assertThat(trees).singleElement().satisfies(tree -> {
      var rule = (PrometheusRule) KubernetesModel.read(tree);
      assertThat(rule.getSpec().getGroups()).flatMap(g -> g.getRules())
          .extracting(r -> r.getAlert())
          .contains("CovingtonGraphStale", "CovingtonReloadsFailing", "CovingtonErrorRate", "CovingtonLatencyHigh");
    });
  }

  @org.junit.jupiter.api.Test
  void theStrictReaderNamesAnUnknownField() throws Exception {
    JsonNode misspelt = Rendering.parse("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          template:
            spec:
              containers:
              - name: x
                readinesProbe: {httpGet: {path: /readiness, port: status}}
        """).get(0);

    assertThatThrownBy(() -> KubernetesModel.read(misspelt))
        .hasMessageContaining("readinesProbe")
        .hasMessageContaining("containers");
  }

  @org.junit.jupiter.api.Test
  void theProfileCheckFindsAContainerLeftAtItsDefaults() throws Exception {
    Deployment bare = (Deployment) KubernetesModel.read(Rendering.parse("""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: x}
        spec:
          template:
            spec:
              volumes: [{name: host, hostPath: {path: /}}]
              containers: [{name: x, image: x}]
        """).get(0));

    assertThat(RestrictedProfile.violations(bare.getSpec().getTemplate().getSpec()))
        .anyMatch(v -> v.contains("hostPath"))
        .anyMatch(v -> v.contains("runAsNonRoot"))
        .anyMatch(v -> v.contains("allowPrivilegeEscalation"))
        .anyMatch(v -> v.contains("drop lacks ALL"))
        .anyMatch(v -> v.contains("seccompProfile"))
        .anyMatch(v -> v.contains("readOnlyRootFilesystem"));
  }

  static PodTemplateSpec template(Rendering rendering) {
    return rendering.deployment().getSpec().getTemplate();
  }
}
