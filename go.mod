module github.com/lrplay/lrplay

go 1.26
