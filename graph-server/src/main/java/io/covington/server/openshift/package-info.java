/**
 * The OpenShift / OKD graph API (Cincinnati v1) served to cluster-version-operators: routes,
 * query validation, the response renderers and the OpenAPI document.
 */
package io.covington.server.openshift;
