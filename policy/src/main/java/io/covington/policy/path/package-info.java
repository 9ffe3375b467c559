/**
 * Safe update paths and update explanations over one channel's served graph, and whole update
 * plans across channels.
 *
 * <p>{@link io.covington.policy.path.SafePathPlanner} answers "how do I get from A to B (or to the
 * newest release) in this channel, taking only the risks I accept": the fewest hops, ties broken
 * towards the newest releases, or, when no path exists, the cut that separates the two sides and
 * the smallest set of risks whose acceptance opens a path. {@link
 * io.covington.policy.path.UpdateExplainer} answers "why is (or isn't) the direct update A → B
 * offered". {@link io.covington.policy.path.UpdatePlanner} answers "which channel do I switch to
 * before each update, and which {@code oc} commands do I run", over the channels of some families
 * (stable, fast, eus, candidate), also on the EUS-to-EUS route with the worker pools paused. All
 * read a {@link io.covington.policy.path.PathIndex}: what does not depend on the
 * request, computed once per snapshot, channel and architecture.
 *
 * <p>Everything here is pure: no I/O, thread-safe, values are immutable records, no nulls.
 */
package io.covington.policy.path;
