package io.covington.deploy;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Pod Security Standard "restricted" (kubernetes.io/docs/concepts/security/pod-security-standards),
 * plus a read-only root filesystem: the violations of one pod spec, each naming the field.
 */
final class RestrictedProfile {

  private static final Set<String> ALLOWED_VOLUMES =
      Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");

  private RestrictedProfile() {}

  static List<String> violations(PodSpec pod) {
    List<String> violations = new ArrayList<>();
    PodSecurityContext podContext = Optional.ofNullable(pod.getSecurityContext()).orElseGet(PodSecurityContext::new);
    if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
        || Boolean.TRUE.equals(pod.getHostIPC())) {
      violations.add("spec: host namespaces are shared");
    }
    for (Volume volume : pod.getVolumes()) {
      String type = volumeType(volume);
      if (!ALLOWED_VOLUMES.contains(type)) {
        violations.add("volume " + volume.getName() + ": type " + type + " is not allowed");
      }
    }
    if (podContext.getRunAsUser() != null && podContext.getRunAsUser() == 0) {
      violations.add("spec.securityContext.runAsUser is 0");
    }
    List<Container> containers = Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
    for (Container container : containers) {
      String where = "container " + container.getName() + ": ";
      SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElseGet(SecurityContext::new);
      if (!Boolean.TRUE.equals(context.getRunAsNonRoot()) && !Boolean.TRUE.equals(podContext.getRunAsNonRoot())) {
        violations.add(where + "runAsNonRoot is not true (container or pod)");
      }
      if (context.getRunAsUser() != null && context.getRunAsUser() == 0) {
        violations.add(where + "runAsUser is 0");
      }
      if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
        violations.add(where + "allowPrivilegeEscalation is not false");
      }
      if (Boolean.TRUE.equals(context.getPrivileged())) {
        violations.add(where + "privileged");
      }
      Capabilities capabilities = Optional.ofNullable(context.getCapabilities()).orElseGet(Capabilities::new);
      if (!capabilities.getDrop().contains("ALL")) {
        violations.add(where + "capabilities.drop lacks ALL");
      }
      if (capabilities.getAdd().stream().anyMatch(c -> !c.equals("NET_BIND_SERVICE"))) {
        violations.add(where + "capabilities.add beyond NET_BIND_SERVICE: " + capabilities.getAdd());
      }
      SeccompProfile seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile() : podContext.getSeccompProfile();
      if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
        violations.add(where + "seccompProfile is not RuntimeDefault or Localhost (container or pod)");
      }
      if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
        violations.add(where + "readOnlyRootFilesystem is not true");
      }
      container.getPorts().stream()
          .filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
          .forEach(p -> violations.add(where + "hostPort " + p.getHostPort()));
    }
    return violations;
  }

  private static String volumeType(Volume volume) {
    if (volume.getEmptyDir() != null) {
      return "emptyDir";
    } else if (volume.getConfigMap() != null) {
      return "configMap";
    } else if (volume.getSecret() != null) {
      return "secret";
    } else if (volume.getProjected() != null) {
      return "projected";
    } else if (volume.getDownwardAPI() != null) {
      return "downwardAPI";
    } else if (volume.getPersistentVolumeClaim() != null) {
      return "persistentVolumeClaim";
    } else if (volume.getCsi() != null) {
      return "csi";
    } else if (volume.getEphemeral() != null) {
      return "ephemeral";
    }
    return volume.getHostPath() != null ? "hostPath" : "other";
  }
}
