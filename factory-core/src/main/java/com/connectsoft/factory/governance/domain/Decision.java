package com.connectsoft.factory.governance.domain;

/** A policy decision. */
public enum Decision { Allow, Deny, RequiresApproval }
