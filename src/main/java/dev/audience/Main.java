package dev.audience; public class Main { public static void main(String[] a){} }
