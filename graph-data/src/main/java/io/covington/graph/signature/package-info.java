/**
 * Release and graph-data image signatures: the OpenPGP {@link io.covington.graph.signature.Keyring}
 * an operator trusts, the {@link io.covington.graph.signature.SignatureVerifier} that checks one
 * "atomic container signature" against it, and the {@link io.covington.graph.signature.SignatureStore}
 * a snapshot serves. Pure: no I/O beyond reading the keyring files given.
 */
package io.covington.graph.signature;
