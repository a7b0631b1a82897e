#!/usr/bin/perl
# Lets groff break lines between Chinese characters, which groff 1.22 does not do by itself (it
# takes a run of them for one word, overflows the line and warns "can't break line"): puts the
# zero-width break point \: after each CJK character of text lines, except where Chinese does not
# break (after an opening bracket, before closing punctuation) and inside italic placeholders
# (\fI目录\fR stays one word). Usage: man-cjk-breaks.pl IN OUT
use strict;
use warnings;
use utf8;

my ($in, $out) = @ARGV;
die "usage: man-cjk-breaks.pl IN OUT\n" unless defined $out;
open(my $src, '<:encoding(UTF-8)', $in) or die "$in: $!\n";
open(my $dst, '>:encoding(UTF-8)', $out) or die "$out: $!\n";
my $cjk = '\x{2E80}-\x{9FFF}\x{F900}-\x{FAFF}\x{FF00}-\x{FFEF}';
my $opening = '（《「『〔【“‘';
my $closing = '，。、；：！？）》」』〕】”’…';

sub with_breaks {
  my ($text) = @_;
  $text =~ s/([$cjk])(?<![$opening])(?=[$cjk])(?![$closing])/$1\\:/g;
  # After closing punctuation a line may break before Latin text too (a path, a command).
  $text =~ s/([$closing])(?=[!-\[\]-~])/$1\\:/g;
  return $text;
}

my $in_name = 0;
while (my $line = <$src>) {
  # The NAME section is read by lexgrog for whatis and apropos; break points would show there.
  $in_name = $line =~ /^\.SH\s+"?(名称|NAME)/ if $line =~ /^\.SH/;
  # Requests and comments are left alone; in .nf blocks the break points do nothing.
  $line = join '', map { /^\\fI/ ? $_ : with_breaks($_) } split /(\\fI.*?\\f[RP])/, $line
    unless $line =~ /^[.']/ || $in_name;
  print $dst $line;
}
close($dst) or die "$out: $!\n";
