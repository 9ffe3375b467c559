package io.covington.policy;
