/**
 * Tests that hold the container image and the Kubernetes manifests to the server they run: the
 * manifests as {@code kubectl kustomize} renders them, checked against the Kubernetes API types
 * and the restricted pod security profile; the jar started the way the Containerfile starts it.
 */
package io.covington.deploy;
