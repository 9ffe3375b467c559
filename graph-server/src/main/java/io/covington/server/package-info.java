package io.covington.server;
