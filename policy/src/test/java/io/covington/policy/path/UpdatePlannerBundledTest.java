package io.covington.policy.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.covington.graph.snapshot.Versions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Plans across channels on the real bundled data, checked against {@link IndependentPlanSearch}
 * (which reads only the channels' served graphs) and against facts worked out from the bundled
 * channel files.
 */
class UpdatePlannerBundledTest {

  private static final String RUNC = "RuncShareProcessNamespace";
  private static final UpdatePlanner PLANNER = new UpdatePlanner(Bundled.INDEX);
  private static final IndependentPlanSearch STABLE = new IndependentPlanSearch(Bundled.SNAPSHOT, "amd64", List.of("stable"));

  private static UpdatePlan plan(String from, String to, List<ChannelFamily> families, PlanRoute route, AcceptedRisks accepted)
      throws PathQueryException {
    return PLANNER.plan(new PlanRequest("amd64", from, Optional.ofNullable(to), families, route, accepted));
  }

  private static UpdatePlan stable(String from, String to) throws PathQueryException {
    return plan(from, to, List.of(ChannelFamily.STABLE), PlanRoute.STANDARD, AcceptedRisks.none());
  }

  /** Each step's channel serves it, and is the first family's oldest channel that does. */
  private static void assertChannelsServe(UpdatePlan plan, IndependentPlanSearch search) {
    for (PlanStep step : plan.steps()) {
      IndependentPlanSearch.Offer offer = search.updates.get(step.from()).get(step.to());
      assertThat(offer).as("%s -> %s is served by a channel of the families", step.from(), step.to()).isNotNull();
      assertThat(step.channel()).as("%s -> %s", step.from(), step.to()).isEqualTo(offer.channels().get(0));
      assertThat(step.kind() == HopKind.CONDITIONAL).isEqualTo(!offer.risks().isEmpty());
    }
  }

  @Test
  void fromEveryTenth412StableReleaseToTheNewest416TheRuleMatchesTheIndependentSearch() throws Exception {
    List<String> froms = STABLE.versions.stream().filter(v -> v.startsWith("4.12.")).toList();
    String newest416 = STABLE.versions.stream().filter(v -> v.startsWith("4.16.")).reduce((a, b) -> b).orElseThrow();
    int checked = 0;
    for (int i = 0; i < froms.size(); i += 10) {
      String from = froms.get(i);
      UpdatePlan plan = stable(from, "4.16");
      List<String> reachable416 = STABLE.reachable(from, AcceptedRisks.none()).stream().filter(v -> v.startsWith("4.16.")).toList();
      assertThat(plan.target()).as(from).isEqualTo(reachable416.get(reachable416.size() - 1));
      assertThat(plan.versions()).as(from).isEqualTo(STABLE.best(from, plan.target(), AcceptedRisks.none()).orElseThrow());
      assertChannelsServe(plan, STABLE);
      // The exact newest release, when it differs, gets the same answer as the search.
      UpdatePlan exact = stable(from, newest416);
      assertThat(exact.reachable()).isEqualTo(STABLE.best(from, newest416, AcceptedRisks.none()).isPresent());
      checked++;
    }
    assertThat(checked).isGreaterThan(5);
  }

  @Test
  void an412To416PlanCrossesFourChannelsInOrder() throws Exception {
    UpdatePlan plan = stable("4.12.0", "4.16");
    assertThat(plan.reachable()).isTrue();
    assertThat(plan.steps()).extracting(PlanStep::channel).isSortedAccordingTo(
        (a, b) -> Versions.PRECEDENCE.compare(a.substring("stable-".length()) + ".0", b.substring("stable-".length()) + ".0"));
    assertThat(plan.steps().stream().map(PlanStep::channel).distinct().toList())
        .containsSubsequence("stable-4.13", "stable-4.14", "stable-4.15", "stable-4.16");
    assertThat(plan.commands()).extracting(PlanCommand::command)
        .contains("oc adm upgrade channel stable-4.16", "oc adm upgrade --to " + plan.target())
        .noneMatch(c -> c.contains("--allow-not-recommended") || c.contains("oc patch mcp"));
  }

  @Test
  void acceptingEveryRiskTheRuleStillMatchesAndPrefersUnconditionalUpdates() throws Exception {
    for (String from : List.of("4.14.0", "4.15.20", "4.13.10")) {
      UpdatePlan plan = plan(from, "4.16", List.of(ChannelFamily.STABLE), PlanRoute.STANDARD, AcceptedRisks.all());
      assertThat(plan.versions()).as(from).isEqualTo(STABLE.best(from, plan.target(), AcceptedRisks.all()).orElseThrow());
      assertChannelsServe(plan, STABLE);
    }
  }

  @Test
  void acrossFamiliesTheFirstFamilyNamesTheChannelAndTheRuleStillMatches() throws Exception {
    List<ChannelFamily> families = List.of(ChannelFamily.FAST, ChannelFamily.STABLE);
    IndependentPlanSearch search = new IndependentPlanSearch(Bundled.SNAPSHOT, "amd64", List.of("fast", "stable"));
    UpdatePlan plan = plan("4.13.0", "4.15", families, PlanRoute.STANDARD, AcceptedRisks.none());
    assertThat(plan.versions()).isEqualTo(search.best("4.13.0", plan.target(), AcceptedRisks.none()).orElseThrow());
    assertChannelsServe(plan, search);
    assertThat(plan.steps()).allSatisfy(s -> assertThat(s.channel()).startsWith("fast-"));
  }

  @Test
  void theEusRouteFrom414To416UsesEusChannelsAndWorkersRunNoOddMinor() throws Exception {
    IndependentPlanSearch eus = new IndependentPlanSearch(Bundled.SNAPSHOT, "amd64", List.of("eus", "stable"));
    for (String from : List.of("4.14.0", "4.14.30", "4.14.50")) {
      UpdatePlan plan = plan(from, "4.16", List.of(ChannelFamily.STABLE), PlanRoute.EUS, AcceptedRisks.none());
      assertThat(plan.reachable()).as(from).isTrue();
      assertThat(plan.families()).containsExactly(ChannelFamily.EUS, ChannelFamily.STABLE);
      assertThat(plan.versions()).isEqualTo(eus.best(from, plan.target(), AcceptedRisks.none()).orElseThrow());
      assertChannelsServe(plan, eus);
      assertThat(plan.steps()).allSatisfy(s -> assertThat(s.channel()).startsWith("eus-"));
      assertThat(plan.versions()).anySatisfy(v -> assertThat(v).startsWith("4.15."));
      assertThat(plan.workerVersions()).containsExactly(from, plan.target());
      assertThat(plan.steps()).noneMatch(PlanStep::workersFollow);
      List<String> commands = plan.commands().stream().map(PlanCommand::command).toList();
      assertThat(commands.get(0)).isEqualTo(PlanCommands.PAUSE_WORKERS);
      assertThat(commands.get(commands.size() - 1)).isEqualTo(PlanCommands.UNPAUSE_WORKERS);
    }
  }

  @Test
  void theEusRouteRefusesAnOddStartAndATargetThatIsNotTheNextEvenMinor() {
    assertThatThrownBy(() -> plan("4.15.20", "4.16", List.of(ChannelFamily.STABLE), PlanRoute.EUS, AcceptedRisks.none()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(PathQueryException.Kind.INVALID_PLAN);
          assertThat(e.parameter()).isEqualTo("route");
          assertThat(e.getMessage()).contains("even minor", "4.15.20");
        });
    assertThatThrownBy(() -> plan("4.14.0", "4.15", List.of(ChannelFamily.STABLE), PlanRoute.EUS, AcceptedRisks.none()))
        .isInstanceOfSatisfying(PathQueryException.class, e -> assertThat(e.getMessage()).contains("to=4.16"));
  }

  @Test
  void aConditionalTargetNamesTheNewerReleaseThatNeedsNoRisk() throws Exception {
    // Every update into 4.16.53 is conditional on RuncShareProcessNamespace; 4.16.55 is not.
    UpdatePlan blocked = stable("4.15.20", "4.16.53");
    assertThat(blocked.reachable()).isFalse();
    assertThat(blocked.cut().orElseThrow().smallestRiskSet()).extracting(r -> r.name()).containsExactly(RUNC);
    assertThat(blocked.newerWithoutRisk()).hasValue(new UpdatePlan.NewerRelease("4.16.55", 1));

    UpdatePlan accepted = plan("4.15.20", "4.16.53", List.of(ChannelFamily.STABLE), PlanRoute.STANDARD,
        AcceptedRisks.of(Set.of(RUNC)));
    assertThat(accepted.steps()).singleElement().satisfies(s -> assertThat(s.kind()).isEqualTo(HopKind.CONDITIONAL));
    assertThat(accepted.commands()).extracting(PlanCommand::command)
        .contains("oc adm upgrade --to 4.16.53 --allow-not-recommended");
    assertThat(accepted.newerWithoutRisk()).hasValue(new UpdatePlan.NewerRelease("4.16.55", 1));

    assertThat(stable("4.15.20", "4.16.55").newerWithoutRisk()).isEmpty();
  }

  @Test
  void downgradesUnknownVersionsAndUnknownRisksAreRefusedWithTheReason() {
    assertThatThrownBy(() -> stable("4.16.55", "4.15.20")).isInstanceOfSatisfying(PathQueryException.class, e -> {
      assertThat(e.kind()).isEqualTo(PathQueryException.Kind.DOWNGRADE);
      assertThat(e.getMessage()).contains("older than from 4.16.55", "never downgraded");
    });
    assertThatThrownBy(() -> stable("4.16.55", "4.15")).isInstanceOfSatisfying(PathQueryException.class,
        e -> assertThat(e.kind()).isEqualTo(PathQueryException.Kind.DOWNGRADE));
    assertThatThrownBy(() -> stable("4.16.999", "4.16")).isInstanceOfSatisfying(PathQueryException.class, e -> {
      assertThat(e.kind()).isEqualTo(PathQueryException.Kind.UNKNOWN_VERSION);
      assertThat(e.parameter()).isEqualTo("from");
    });
    assertThatThrownBy(() -> stable("4.16.3", "4.99")).isInstanceOfSatisfying(PathQueryException.class, e -> {
      assertThat(e.kind()).isEqualTo(PathQueryException.Kind.UNKNOWN_VERSION);
      assertThat(e.getMessage()).contains("no 4.99 release");
    });
    assertThatThrownBy(() -> plan("4.15.20", "4.16", List.of(ChannelFamily.STABLE), PlanRoute.STANDARD,
        AcceptedRisks.of(Set.of("Nope", RUNC, "AlsoNope"))))
        .isInstanceOfSatisfying(PathQueryException.class, e -> {
          assertThat(e.kind()).isEqualTo(PathQueryException.Kind.UNKNOWN_RISK);
          assertThat(e.getMessage()).contains("AlsoNope, Nope").doesNotContain(RUNC);
        });
  }

  @Test
  void aReleaseOnlyInOtherFamiliesNamesTheChannelsThatHaveIt() {
    // 4.16.0-rc.0 is a release candidate: in candidate-4.16, in no stable channel.
    String candidateOnly = "4.16.0-rc.0";
    assertThat(Bundled.SNAPSHOT.channel("candidate-4.16", "amd64").orElseThrow().nodes()).anyMatch(r -> r.version().equals(candidateOnly));
    assertThat(STABLE.updates).doesNotContainKey(candidateOnly);
    assertThatThrownBy(() -> stable(candidateOnly, null)).isInstanceOfSatisfying(PathQueryException.class, e -> {
      assertThat(e.kind()).isEqualTo(PathQueryException.Kind.VERSION_NOT_IN_CHANNEL);
      assertThat(e.getMessage()).contains("in no stable channel", "candidate-");
    });
  }

  @Test
  void channelFamiliesAreCheckedByName() throws Exception {
    assertThat(ChannelFamily.parseList(null)).containsExactly(ChannelFamily.STABLE);
    assertThat(ChannelFamily.parseList("eus, stable,eus")).containsExactly(ChannelFamily.EUS, ChannelFamily.STABLE);
    assertThatThrownBy(() -> ChannelFamily.parseList("stable,beta")).isInstanceOfSatisfying(PathQueryException.class, e -> {
      assertThat(e.parameter()).isEqualTo("channels");
      assertThat(e.getMessage()).contains("\"beta\"");
    });
  }
}
