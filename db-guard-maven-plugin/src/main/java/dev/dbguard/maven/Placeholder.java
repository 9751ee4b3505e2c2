package dev.dbguard.maven;
class Placeholder {}
