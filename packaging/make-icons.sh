#!/bin/sh
# Draws the application icon's PNG sizes with ImageMagick (whose Debian build cannot read SVG), in the
# same design as resources/icons/exl2-studio.svg, into packaging/icons/. Run it after changing the
# design and commit the PNGs; the build only installs them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/icons"
mkdir -p "$out"
master="$out/master-1024.png"
# 1024 px master (4x the SVG's 256 px canvas), then downscaled for crisp small sizes.
convert -size 1024x1024 xc:none \
  \( -size 960x960 gradient:'#3b6fd8-#1f3f8a' \) -geometry +32+32 -composite \
  \( -size 1024x1024 xc:none -fill white -draw "roundrectangle 32,32 991,991 176,176" \) \
  -compose DstIn -composite -compose Over \
  -fill '#9cc2ff' -draw "roundrectangle 176,560 287,847 16,16" \
  -fill '#c6dbff' -draw "roundrectangle 344,400 455,847 16,16" \
  -fill '#ffffff' -draw "roundrectangle 512,280 623,847 16,16" \
  -fill '#9cc2ff' -draw "roundrectangle 680,472 791,847 16,16" \
  -fill none -stroke '#ffb347' -strokewidth 40 -draw "polyline 160,336 400,240 600,176 864,144" \
  -stroke none -fill white -font DejaVu-Sans-Bold -pointsize 120 -gravity south -annotate +0+48 'EXL2' \
  "$master"
for size in 16 22 24 32 48 64 128 256 512; do
  convert "$master" -filter Lanczos -resize "${size}x${size}" -depth 8 -strip "$out/exl2-studio-$size.png"
done
rm -f "$master"
echo "icons written to $out"
