module github.com/lrplay/lrplay

go 1.26

require (
	github.com/andybalholm/brotli v1.2.8
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/go-echarts/go-echarts/v2 v2.6.7
)

require github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
