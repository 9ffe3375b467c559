package io.covington.policy.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.model.Risk;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Paths on the real bundled data. Every expected path below was worked out by hand from the
 * bundled releases.json and graph-data files, not by running the planner.
 */
class SafePathPlannerBundledTest {

  private static final String RUNC = "RuncShareProcessNamespace";
  private static final String PIVOT = "OKDSCOSPivotExt4OrphanFile";
  private static final String FCOS_FEB = "4.15.0-0.okd-2024-02-23-163410";
  private static final String FCOS_LAST = "4.15.0-0.okd-2024-03-10-010116";
  private static final String SCOS_1 = "4.16.0-okd-scos.1";
  private static final String SCOS_3 = "4.17.0-okd-scos.3";

  private static PathPlan plan(String channel, String from, String to, AcceptedRisks accepted) throws PathQueryException {
    return Bundled.PLANNER.plan(new PathRequest(channel, "amd64", from, Optional.ofNullable(to), accepted));
  }

  @Test
  void aDirectUnconditionalUpdateIsOneHop() throws Exception {
    // 4.15.20 -> 4.16.55 is an unconditional edge of stable-4.16 (no 4.16.55 blocked-edge file).
    PathPlan p = plan("stable-4.16", "4.15.20", "4.16.55", AcceptedRisks.none());
    assertThat(p.reachable()).isTrue();
    assertThat(p.hops()).singleElement().isEqualTo(new Hop("4.15.20", "4.16.55", HopKind.UNCONDITIONAL, List.of()));
  }

  @Test
  void fromAn414ReleaseTo41655GoesThroughTheNewest415() throws Exception {
    // 4.14.30 has no edge into 4.16 at all. Its unconditional updates include every 4.15 from 4.15.52
    // to 4.15.59, and 4.15.59 -> 4.16.55 is unconditional; 4.15.59 is the newest such release.
    PathPlan p = plan("stable-4.16", "4.14.30", "4.16.55", AcceptedRisks.none());
    assertThat(p.reachable()).isTrue();
    assertThat(p.versions()).containsExactly("4.14.30", "4.15.59", "4.16.55");
    assertThat(p.hops()).allSatisfy(h -> assertThat(h.kind()).isEqualTo(HopKind.UNCONDITIONAL));
  }

  @Test
  void from4120To41472InCandidate414TakesThreeHopsThroughTheNewestReleases() throws Exception {
    // 4.12.0 has no update to any 4.13 or 4.14 release, so two hops cannot reach 4.14.72. Of the 4.12
    // releases 4.12.0 updates to, the newest from which 4.14.72 is two hops away is 4.12.96, whose
    // only 4.13 update that has an unconditional edge to 4.14.72 is 4.13.70.
    PathPlan p = plan("candidate-4.14", "4.12.0", "4.14.72", AcceptedRisks.none());
    assertThat(p.versions()).containsExactly("4.12.0", "4.12.96", "4.13.70", "4.14.72");
  }

  @Test
  void withoutToTheTargetIsTheNewestReachableRelease() throws Exception {
    // The newest release of candidate-4.14 is 4.14.72, and the 4.12.0 path above reaches it.
    PathPlan p = plan("candidate-4.14", "4.12.0", null, AcceptedRisks.none());
    assertThat(p.target()).isEqualTo("4.14.72");
    assertThat(p.hops()).hasSize(3);
    // 4.16.55 is the newest release of stable-4.16 and has no newer update: nothing to do.
    PathPlan newest = plan("stable-4.16", "4.16.55", null, AcceptedRisks.none());
    assertThat(newest.reachable()).isTrue();
    assertThat(newest.target()).isEqualTo("4.16.55");
    assertThat(newest.hops()).isEmpty();
  }

  @Test
  void aReleaseReachableOnlyThroughAConditionalRiskIsUnreachableByDefault() throws Exception {
    // blocked-edges/4.16.53-RuncShareProcessNamespace.yaml (from: .*) makes every update into 4.16.53
    // conditional on RuncShareProcessNamespace.
    PathPlan p = plan("stable-4.16", "4.15.20", "4.16.53", AcceptedRisks.none());
    assertThat(p.reachable()).isFalse();
    assertThat(p.hops()).isEmpty();
    PathCut cut = p.cut().orElseThrow();
    assertThat(cut.risksCanOpen()).isTrue();
    assertThat(cut.provenMinimal()).isTrue();
    assertThat(cut.smallestRiskSet()).extracting(Risk::name).containsExactly(RUNC);
    assertThat(cut.edges()).isNotEmpty().allSatisfy(e -> assertThat(e.to()).isEqualTo("4.16.53"));
    assertThat(cut.edges()).filteredOn(e -> e.from().equals("4.15.20")).singleElement()
        .satisfies(e -> assertThat(e.reasons()).singleElement().isInstanceOfSatisfying(UpdateReason.ConditionalRisk.class, r -> {
          assertThat(r.file()).endsWith("blocked-edges/4.16.53-RuncShareProcessNamespace.yaml");
          assertThat(r.risk().name()).isEqualTo(RUNC);
        }));
  }

  @Test
  void acceptingThatRiskOpensTheDirectConditionalUpdate() throws Exception {
    PathPlan p = plan("stable-4.16", "4.15.20", "4.16.53", AcceptedRisks.of(Set.of(RUNC)));
    assertThat(p.reachable()).isTrue();
    assertThat(p.hops()).singleElement().satisfies(h -> {
      assertThat(h.from()).isEqualTo("4.15.20");
      assertThat(h.to()).isEqualTo("4.16.53");
      assertThat(h.kind()).isEqualTo(HopKind.CONDITIONAL);
      assertThat(h.risks()).singleElement().satisfies(r -> {
        assertThat(r.name()).isEqualTo(RUNC);
        assertThat(r.url()).isEqualTo("https://issues.redhat.com/browse/RUN-3748");
        assertThat(r.message()).startsWith("Some runc 1.2 releases fail");
        assertThat(r.matchingRules()).extracting(rule -> rule.type()).containsExactly("Always");
      });
    });
    assertThat(plan("stable-4.16", "4.15.20", "4.16.53", AcceptedRisks.all()).hops()).hasSize(1);
  }

  @Test
  void okdFcosToScosNeedsThePivotRiskAndGoesThroughTheLastFcosBuild() throws Exception {
    PathPlan blocked = plan("stable-scos-4", FCOS_FEB, SCOS_3, AcceptedRisks.none());
    assertThat(blocked.reachable()).isFalse();
    PathCut cut = blocked.cut().orElseThrow();
    assertThat(cut.smallestRiskSet()).extracting(Risk::name).containsExactly(PIVOT);
    // From the February build: its own move to SCOS is removed by a file, the last build's is conditional.
    assertThat(cut.edges()).extracting(CutEdge::from, CutEdge::to)
        .containsExactly(Tuple.tuple(FCOS_FEB, SCOS_1), Tuple.tuple(FCOS_LAST, SCOS_1));
    assertThat(cut.edges().get(0).reasons()).singleElement().isInstanceOfSatisfying(UpdateReason.BlockedByFile.class,
        r -> assertThat(r.file()).endsWith("okd-fcos-to-scos-from-older-4.15.yaml"));
    assertThat(cut.edges().get(1).reasons()).singleElement().isInstanceOfSatisfying(UpdateReason.ConditionalRisk.class,
        r -> assertThat(r.risk().name()).isEqualTo(PIVOT));

    PathPlan open = plan("stable-scos-4", FCOS_FEB, SCOS_3, AcceptedRisks.of(Set.of(PIVOT)));
    assertThat(open.versions()).containsExactly(FCOS_FEB, FCOS_LAST, SCOS_1, SCOS_3);
    assertThat(open.hops()).extracting(Hop::kind)
        .containsExactly(HopKind.UNCONDITIONAL, HopKind.CONDITIONAL, HopKind.UNCONDITIONAL);
  }

  @Test
  void aDowngradeIsRefusedWithItsReasonNotAnsweredWithAnEmptyCut() {
    assertThatThrownBy(() -> plan("stable-4.16", "4.16.55", "4.15.20", AcceptedRisks.all()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(PathQueryException.Kind.DOWNGRADE);
          assertThat(e.getMessage()).contains("older than from 4.16.55").contains("never downgraded");
        });
  }

  @Test
  void toEqualToFromIsReachableInZeroHops() throws Exception {
    PathPlan p = plan("stable-4.16", "4.16.3", "4.16.3", AcceptedRisks.none());
    assertThat(p.reachable()).isTrue();
    assertThat(p.hops()).isEmpty();
  }

  @Test
  void errorsNameTheParameterAndTheValue() {
    assertThatThrownBy(() -> plan("stable-4.16", "4.99.0", "4.16.55", AcceptedRisks.none()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(PathQueryException.Kind.UNKNOWN_VERSION);
          assertThat(e.kind().wireName()).isEqualTo("unknown_version");
          assertThat(e.parameter()).isEqualTo("from");
          assertThat(e.value()).isEqualTo("4.99.0");
          assertThat(e.getMessage()).contains("4.99.0");
        });
    // 4.17.0-okd-scos.3 is a release on amd64 but not in stable-4.16.
    assertThatThrownBy(() -> plan("stable-4.16", "4.15.20", SCOS_3, AcceptedRisks.none()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(PathQueryException.Kind.VERSION_NOT_IN_CHANNEL);
          assertThat(e.parameter()).isEqualTo("to");
          assertThat(e.value()).isEqualTo(SCOS_3);
        });
    // 4.12.0 is not in stable-4.16: the answer names the channels that have it and the cross-channel plan.
    assertThatThrownBy(() -> plan("stable-4.16", "4.12.0", "4.16.55", AcceptedRisks.none()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(PathQueryException.Kind.VERSION_NOT_IN_CHANNEL);
          assertThat(e.getMessage()).contains("it is in stable-4.12, stable-4.13, ").contains("/v1/plan");
        });
    // A target older than the release updated from is a downgrade, said as such (not an empty cut).
    assertThatThrownBy(() -> plan("stable-4.16", "4.16.20", "4.16.10", AcceptedRisks.none()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(PathQueryException.Kind.DOWNGRADE);
          assertThat(e.kind().wireName()).isEqualTo("downgrade");
          assertThat(e.parameter()).isEqualTo("to");
          assertThat(e.getMessage()).isEqualTo("to 4.16.10 is older than from 4.16.20: clusters are never downgraded");
        });
    assertThatThrownBy(() -> plan("no-such-channel", "4.15.20", null, AcceptedRisks.none()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> assertThat(e.kind()).isEqualTo(PathQueryException.Kind.UNKNOWN_CHANNEL));
    assertThatThrownBy(() -> Bundled.PLANNER.plan(new PathRequest("stable-4.16", "riscv64", "4.15.20", Optional.empty(), AcceptedRisks.none())))
        .isInstanceOfSatisfying(PathQueryException.class, e -> assertThat(e.kind()).isEqualTo(PathQueryException.Kind.UNKNOWN_ARCH));
  }
}
