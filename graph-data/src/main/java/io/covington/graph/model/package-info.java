/** Values of the OpenShift update graph: releases, risks, edges. Immutable records, no nulls. */
package io.covington.graph.model;
