module github.com/lrplay/lrplay

go 1.26

require (
	github.com/go-echarts/go-echarts/v2 v2.6.7 // indirect
	github.com/hack-pad/safejs v0.1.0 // indirect
)
