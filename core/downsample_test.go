package core

import (
	"fmt"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestDownsampleValues(t *testing.T) {
	v := []float64{5, 9, 1, 4, 4, 6 /**/, 0, 2, 8, 7, 3, 1}
	tests := []struct {
		values []float64
		width  int
		want   []Column
	}{
		{nil, 10, []Column{}},
		// Fewer steps than columns: one column per step.
		{[]float64{3, 1}, 5, []Column{{0, 1, 3, 3, 3, 3, 0, 0}, {1, 2, 1, 1, 1, 1, 1, 1}}},
		{v, 1, []Column{{0, 12, 5, 1, 0, 9, 6, 1}}},
		{v, 2, []Column{{0, 6, 5, 6, 1, 9, 2, 1}, {6, 12, 0, 1, 0, 8, 6, 8}}},
		// 12 steps in 5 columns: ⌊12c/5⌋ = 0, 2, 4, 7, 9, 12.
		{v, 5, []Column{{0, 2, 5, 9, 5, 9, 0, 1}, {2, 4, 1, 4, 1, 4, 2, 3}, {4, 7, 4, 0, 0, 6, 6, 5},
			{7, 9, 2, 8, 2, 8, 7, 8}, {9, 12, 7, 1, 1, 7, 11, 9}}},
		// Ties go to the earliest step; width < 1 is one column.
		{[]float64{2, 1, 2, 1}, 0, []Column{{0, 4, 2, 1, 1, 2, 1, 0}}},
	}
	for _, tt := range tests {
		got := DownsampleValues(tt.values, tt.width)
		if !slices.Equal(got, tt.want) {
			t.Errorf("DownsampleValues(%v, %d) = %v, want %v", tt.values, tt.width, got, tt.want)
		}
	}
}

func TestPoints(t *testing.T) {
	cols := []Column{
		{0, 6, 5, 6, 1, 9, 2, 1},     // max before min
		{6, 12, 0, 1, 0, 8, 6, 8},    // min at the first step
		{12, 13, 4, 4, 4, 4, 12, 12}, // one step
		{13, 20, 3, 3, 3, 3, 13, 13}, // flat: first and last
		{20, 30, 1, 3, 0, 3, 21, 29}, // max at the last step
	}
	want := []Point{{0, 5}, {1, 9}, {2, 1}, {5, 6}, {6, 0}, {8, 8}, {11, 1}, {12, 4}, {13, 3}, {19, 3},
		{20, 1}, {21, 0}, {29, 3}}
	if got := Points(cols); !slices.Equal(got, want) {
		t.Errorf("Points = %v\nwant %v", got, want)
	}
	if got := Points(nil); len(got) != 0 {
		t.Errorf("Points(nil) = %v", got)
	}
}

// TestColumnBound checks ⌊c·steps/cols⌋ against big integers where c·steps
// overflows int64.
func TestColumnBound(t *testing.T) {
	for _, steps := range []int64{1, 7, 12345, 1 << 40, MaxSteps - 1, MaxSteps, math.MaxInt64} {
		for _, cols := range []int64{1, 3, 1000, 1921, 20000} {
			cols := min(cols, steps)
			for _, c := range []int64{0, 1, cols / 3, cols - 1, cols} {
				want := new(big.Int).Mul(big.NewInt(c), big.NewInt(steps))
				want.Quo(want, big.NewInt(cols))
				if got := columnBound(c, steps, cols); got != want.Int64() {
					t.Errorf("columnBound(%d, %d, %d) = %d, want %s", c, steps, cols, got, want)
				}
			}
		}
	}
}

// downsampleSpecs are, per kind, specs whose events stress Downsample: tiny
// periods, restarts, jumps, runs past the end, floors above the start. STEPS
// stands for the run's length.
var downsampleSpecs = map[string][]string{
	"playground": {
		`{"kind":"playground","T_max":1,"T_mult":1,"warmup":0,"decay":0.9}`,
		`{"kind":"playground","T_max":2,"T_mult":1,"warmup":0.1,"warmup_start":0.5,"eta_min":0.01}`,
		`{"kind":"playground","T_max":7,"T_mult":1.3,"warmup":0.2,"warmup_start":0.2,"eta_min":0.01,"decay":0.7}`,
		`{"kind":"playground","T_max":50,"restarts":false,"warmup":0.5,"eta_min":0.02}`,
		`{"kind":"playground","T_max":3,"T_mult":1.0000001,"warmup":0.01}`,
	},
	"torch.CosineAnnealingLR": {
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1,"eta_min":0.01}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.01,"T_max":7,"eta_min":0.05}`,
		`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":333,"eta_min":1e-4}`,
	},
	"torch.CosineAnnealingWarmRestarts": {
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":1,"T_mult":2}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":2}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.01,"T_0":7,"T_mult":3,"eta_min":0.05}`,
		`{"kind":"torch.CosineAnnealingWarmRestarts","lr":0.1,"T_0":5,"T_mult":1000000}`,
	},
	"torch.OneCycleLR": {
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":STEPS}`,
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":STEPS,"three_phase":true,"anneal_strategy":"linear"}`,
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":STEPS,"pct_start":0,"div_factor":0.5,"final_div_factor":0.1}`,
		`{"kind":"torch.OneCycleLR","max_lr":0.1,"total_steps":999999999999,"pct_start":0.9,"three_phase":true}`,
	},
	"torch.LinearLR": {
		`{"kind":"torch.LinearLR","lr":0.1,"start_factor":1,"end_factor":0,"total_iters":500}`,
		`{"kind":"torch.LinearLR","lr":0.1,"start_factor":0.3333333333333333,"end_factor":0,"total_iters":3}`,
		`{"kind":"torch.LinearLR","lr":0.1,"total_iters":0}`,
	},
	"torch.ExponentialLR": {
		`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":1.01}`,
		`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0}`,
		`{"kind":"torch.ExponentialLR","lr":0.1,"gamma":0.5}`,
	},
	"torch.StepLR": {
		`{"kind":"torch.StepLR","lr":0.1,"step_size":1,"gamma":0.5}`,
		`{"kind":"torch.StepLR","lr":0.1,"step_size":7,"gamma":0.9}`,
		`{"kind":"torch.StepLR","lr":0.1,"step_size":100000000,"gamma":0.1}`,
	},
	"torch.MultiStepLR": {
		`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[0,3,3,50],"gamma":0.5}`,
		`{"kind":"torch.MultiStepLR","lr":0.1,"milestones":[1000000000],"gamma":0.1}`,
	},
	"torch.ConstantLR": {
		`{"kind":"torch.ConstantLR","lr":0.1,"factor":0.5,"total_iters":3}`,
		`{"kind":"torch.ConstantLR","lr":0.1,"total_iters":0}`,
	},
	"torch.CyclicLR": {
		`{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":1,"step_size_down":0}`,
		`{"kind":"torch.CyclicLR","base_lr":0.01,"max_lr":0.1,"step_size_up":3,"step_size_down":5,"mode":"exp_range","gamma":0.999}`,
		`{"kind":"torch.CyclicLR","base_lr":0.1,"max_lr":0.01,"step_size_up":1000000000}`,
	},
	"torch.LambdaLR": {
		`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: min(1.0, (e + 1) / 10) * 0.99 ** e"}`,
		`{"kind":"torch.LambdaLR","lr":0.1,"lr_lambda":"lambda e: 1 if e % 7 < 3 else 0.5"}`,
	},
	"torch.MultiplicativeLR": {
		`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 0.99"}`,
		`{"kind":"torch.MultiplicativeLR","lr":0.1,"lr_lambda":"lambda e: 1.1 if e % 10 == 0 else 0.99"}`,
	},
	"torch.PolynomialLR": {
		`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":1}`,
		`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":1000,"power":0.5}`,
		`{"kind":"torch.PolynomialLR","lr":0.1,"total_iters":9007199254740992,"power":3}`,
	},
	"timm.CosineLRScheduler": {
		`{"kind":"timm.CosineLRScheduler","t_initial":1,"cycle_limit":1000}`,
		`{"kind":"timm.CosineLRScheduler","t_initial":5,"cycle_mul":2,"cycle_limit":100,"warmup_t":13,"warmup_lr_init":0.5}`,
		`{"kind":"timm.CosineLRScheduler","t_initial":3,"cycle_mul":1.1,"cycle_limit":1000,"k_decay":0.5,"lr_min":0.05}`,
		`{"kind":"timm.CosineLRScheduler","t_initial":5,"cycle_mul":1.5,"cycle_limit":100,"warmup_t":13,"warmup_prefix":true,"k_decay":2}`,
		`{"kind":"timm.CosineLRScheduler","t_initial":50,"lr":0.001,"lr_min":0.01,"cycle_limit":5,"warmup_t":7,"warmup_lr_init":0.1}`,
	},
	"hf.cosine_schedule_with_warmup": {
		`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":3,"num_training_steps":40,"num_cycles":3.7}`,
		`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":7,"num_cycles":-2.25}`,
		`{"kind":"hf.cosine_schedule_with_warmup","num_warmup_steps":5,"num_training_steps":3}`,
	},
	"hf.cosine_with_hard_restarts_schedule_with_warmup": {
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000,"num_cycles":999}`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":2,"num_training_steps":300,"num_cycles":1000}`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1000,"num_cycles":-997}`,
		`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":7,"num_training_steps":2,"num_cycles":3}`,
	},
	"hf.cosine_with_min_lr_schedule_with_warmup": {
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":3,"num_cycles":2.2}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":1}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup","num_warmup_steps":1,"num_training_steps":5000,"min_lr":1e-6,"num_cycles":1000.3}`,
	},
	"hf.wsd_schedule": {
		`{"kind":"hf.wsd_schedule","num_warmup_steps":100,"num_decay_steps":200,"num_training_steps":150,"num_cycles":2.6}`,
		`{"kind":"hf.wsd_schedule","num_warmup_steps":10,"num_decay_steps":100,"num_stable_steps":20,"num_cycles":-5.3,"min_lr_ratio":2,"warmup_type":"cosine"}`,
		`{"kind":"hf.wsd_schedule","num_warmup_steps":10,"num_decay_steps":100,"num_stable_steps":0,"warmup_type":"1-sqrt","decay_type":"1-sqrt","min_lr_ratio":0.2}`,
		`{"kind":"hf.wsd_schedule","num_warmup_steps":4,"num_decay_steps":2,"num_training_steps":3,"min_lr_ratio":0.25}`,
	},
	"hf.constant_schedule": {
		`{"kind":"hf.constant_schedule","lr":0.1}`,
	},
	"hf.constant_schedule_with_warmup": {
		`{"kind":"hf.constant_schedule_with_warmup","num_warmup_steps":1}`,
		`{"kind":"hf.constant_schedule_with_warmup","num_warmup_steps":777}`,
	},
	"hf.linear_schedule_with_warmup": {
		`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":5,"num_training_steps":3}`,
		`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":1}`,
		`{"kind":"hf.linear_schedule_with_warmup","num_warmup_steps":13,"num_training_steps":999999999999}`,
	},
	"hf.polynomial_decay_schedule_with_warmup": {
		`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":100,"power":0}`,
		`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":10,"num_training_steps":5,"lr_end":1e-6}`,
		`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":333,"power":0.3,"lr_end":0}`,
		`{"kind":"hf.polynomial_decay_schedule_with_warmup","num_warmup_steps":3,"num_training_steps":999999999999,"power":7}`,
	},
	"hf.inverse_sqrt_schedule": {
		`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":0}`,
		`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":50,"timescale":1}`,
		`{"kind":"hf.inverse_sqrt_schedule","num_warmup_steps":3,"timescale":9006199254740992}`,
	},
	"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate": {
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":10,"num_training_steps":100,"min_lr_rate":3,"num_cycles":2.2,"warmup_lr_rate":0.5}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":1,"num_training_steps":5000,"min_lr":1e-6,"num_cycles":1000.3,"warmup_lr_rate":2}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":5,"num_training_steps":3,"min_lr_rate":0}`,
		`{"kind":"hf.cosine_with_min_lr_schedule_with_warmup_lr_rate","num_warmup_steps":0,"num_training_steps":7,"min_lr_rate":0.1,"num_cycles":-2.25}`,
	},
	"keras.CosineDecay": {
		`{"kind":"keras.CosineDecay","initial_learning_rate":0.1,"decay_steps":1}`,
		`{"kind":"keras.CosineDecay","initial_learning_rate":0.3,"decay_steps":300,"warmup_target":0.1,"warmup_steps":200}`,
		`{"kind":"keras.CosineDecay","initial_learning_rate":0,"decay_steps":2000,"warmup_target":0.1,"warmup_steps":50,"alpha":3}`,
	},
	"keras.CosineDecayRestarts": {
		`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":1}`,
		`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":3,"t_mul":1}`,
		`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":5,"t_mul":1.3,"m_mul":0.7,"alpha":0.1}`,
		`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":60,"t_mul":0.95}`,
		`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":10,"t_mul":1.05,"m_mul":1.02}`,
	},
	"ignite.LinearCyclicalScheduler": {
		`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.001,"cycle_size":2}`,
		`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.001,"end_value":0.1,"cycle_size":7,"cycle_mult":1.5,"start_value_mult":0.7,"end_value_mult":0.5}`,
		`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.01,"cycle_size":7,"cycle_mult":1.5,"warmup_duration":3,"start_value_mult":0.7,"end_value_mult":0.5,"monotonic":true}`,
		`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.2,"end_value":0.05,"cycle_size":600,"cycle_mult":0.5}`,
		`{"kind":"ignite.LinearCyclicalScheduler","start_value":0.2,"end_value":0.05,"cycle_size":3,"cycle_mult":1.05,"start_value_mult":1.01,"monotonic":true}`,
	},
	"optax.cosine_decay_schedule": {
		`{"kind":"optax.cosine_decay_schedule","init_value":1e-3,"decay_steps":1,"exponent":3}`,
		`{"kind":"optax.cosine_decay_schedule","init_value":1e-3,"decay_steps":100000,"alpha":3,"exponent":0.5}`,
	},
	"optax.warmup_cosine_decay_schedule": {
		`{"kind":"optax.warmup_cosine_decay_schedule","init_value":1,"peak_value":0.1,"warmup_steps":10,"decay_steps":11,"end_value":0.5}`,
		`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":999,"decay_steps":1000,"exponent":7}`,
		`{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":1,"warmup_steps":0,"decay_steps":25}`,
	},
	"optax.linear_schedule": {
		`{"kind":"optax.linear_schedule","init_value":0,"end_value":0.1,"transition_steps":30,"transition_begin":7}`,
		`{"kind":"optax.linear_schedule","init_value":0.1,"end_value":0.001,"transition_steps":0}`,
	},
	"optax.polynomial_schedule": {
		`{"kind":"optax.polynomial_schedule","init_value":0.1,"end_value":0.001,"power":3,"transition_steps":50,"transition_begin":10}`,
		`{"kind":"optax.polynomial_schedule","init_value":0.001,"end_value":0.1,"power":0.5,"transition_steps":1}`,
	},
	"optax.constant_schedule": {
		`{"kind":"optax.constant_schedule","value":0.1}`,
	},
	"optax.exponential_decay": {
		`{"kind":"optax.exponential_decay","init_value":0.1,"transition_steps":7,"decay_rate":0.5,"transition_begin":5,"staircase":true}`,
		`{"kind":"optax.exponential_decay","init_value":1e-3,"transition_steps":3,"decay_rate":1.5,"end_value":0.5}`,
		`{"kind":"optax.exponential_decay","init_value":0.1,"transition_steps":10,"decay_rate":0.9,"end_value":0.05}`,
	},
	"optax.warmup_exponential_decay_schedule": {
		`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":10,"transition_steps":5,"decay_rate":0.8,"transition_begin":4,"staircase":true,"end_value":0.01}`,
		`{"kind":"optax.warmup_exponential_decay_schedule","init_value":0.5,"peak_value":0.1,"warmup_steps":0,"transition_steps":0,"decay_rate":0.8}`,
	},
	"optax.linear_onecycle_schedule": {
		`{"kind":"optax.linear_onecycle_schedule","transition_steps":1,"peak_value":1}`,
		`{"kind":"optax.linear_onecycle_schedule","transition_steps":37,"peak_value":0.1,"pct_start":0.5,"pct_final":0.5,"div_factor":3,"final_div_factor":0.5}`,
	},
	"optax.cosine_onecycle_schedule": {
		`{"kind":"optax.cosine_onecycle_schedule","transition_steps":33,"peak_value":0.1,"pct_start":0}`,
		`{"kind":"optax.cosine_onecycle_schedule","transition_steps":50,"peak_value":0.1,"pct_start":1.5,"div_factor":0.5}`,
	},
	"optax.piecewise_constant_schedule": {
		`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":[[3,2],[6,0.5],[0,1.5],[40,0]]}`,
		`{"kind":"optax.piecewise_constant_schedule","init_value":0.1,"boundaries_and_scales":null}`,
		`{"kind":"optax.piecewise_constant_schedule","init_value":0.3,"boundaries_and_scales":[[-5,0.5],[100000,0.1],[2000000,3]]}`,
	},
	"optax.piecewise_interpolate_schedule": {
		`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"linear","init_value":200,"boundaries_and_scales":[[5,1.5],[10,0.25]]}`,
		`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"cosine","init_value":400,"boundaries_and_scales":[[5,1.2],[3,0.6],[7,1],[7,0.5],[0,2]]}`,
		`{"kind":"optax.piecewise_interpolate_schedule","interpolate_type":"cosine","init_value":1e-4,"boundaries_and_scales":[[1000,10],[300000,0.01],[5000000,3]]}`,
	},
	"optax.join_schedules": {
		`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.linear_schedule","init_value":0,"end_value":0.1,"transition_steps":30},{"kind":"optax.cosine_decay_schedule","init_value":0.1,"decay_steps":500,"alpha":0.1}],"boundaries":[30]}`,
		`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.constant_schedule","value":0.5},{"kind":"optax.piecewise_constant_schedule","init_value":1,"boundaries_and_scales":[[7,0.5],[20,3]]},{"kind":"optax.exponential_decay","init_value":0.2,"transition_steps":10,"decay_rate":0.5}],"boundaries":[5,50]}`,
		`{"kind":"optax.join_schedules","schedules":[{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":100,"decay_steps":100000},{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.05,"warmup_steps":100,"decay_steps":3000000}],"boundaries":[100000]}`,
	},
	"optax.sgdr_schedule": {
		`{"kind":"optax.sgdr_schedule","cosine_kwargs":[{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":5,"decay_steps":30},{"kind":"optax.warmup_cosine_decay_schedule","init_value":0.01,"peak_value":0.05,"warmup_steps":0,"decay_steps":60,"end_value":0.001}]}`,
		`{"kind":"optax.sgdr_schedule","cosine_kwargs":[{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.1,"warmup_steps":1000,"decay_steps":100000},{"kind":"optax.warmup_cosine_decay_schedule","init_value":0,"peak_value":0.05,"warmup_steps":1000,"decay_steps":2000000}]}`,
	},
	"ignite.CosineAnnealingScheduler": {
		`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":2}`,
		`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.01,"cycle_size":7,"cycle_mult":1.5,"warmup_duration":3,"start_value_mult":0.7,"end_value_mult":0.5}`,
		`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.2,"end_value":0.05,"cycle_size":600,"cycle_mult":0.5,"warmup_duration":100}`,
		`{"kind":"ignite.CosineAnnealingScheduler","start_value":0.2,"end_value":0.05,"cycle_size":3,"cycle_mult":1.05,"start_value_mult":1.01}`,
	},
	"ignite.PiecewiseLinear": {
		`{"kind":"ignite.PiecewiseLinear","milestones_values":[[5,0.5],[15,1.0],[25,0.0],[35,1.0],[40,0.5]]}`,
		`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1],[4,0],[4,0.5],[4,0.9],[6,0.1]]}`,
		`{"kind":"ignite.PiecewiseLinear","milestones_values":[[-2,1],[2,0]]}`,
		`{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[1000,0.1],[3000000,0.001]]}`,
	},
	"ignite.LRScheduler": {
		`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.CosineAnnealingWarmRestarts","T_0":10,"T_mult":2,"eta_min":0.001}],"lr":0.1}`,
		`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":40}],"lr":0.1}`,
		`{"kind":"ignite.LRScheduler","lr_scheduler":[{"kind":"torch.ExponentialLR","gamma":0.999}],"lr":0.1,"use_legacy":true}`,
	},
	"ignite.create_lr_scheduler_with_warmup": {
		`{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"torch.StepLR","step_size":30,"gamma":0.5}],"lr":0.1,"warmup_start_value":0,"warmup_duration":10,"warmup_end_value":0.2}`,
		`{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":70}],"lr":0.1,"warmup_start_value":0,"warmup_duration":20}`,
		`{"kind":"ignite.create_lr_scheduler_with_warmup","lr_scheduler":[{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":40}],"lr":0.1,"warmup_start_value":0.01,"warmup_duration":5}`,
	},
	"ignite.ConcatScheduler": {
		`{"kind":"ignite.ConcatScheduler","schedulers":[{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0],[30,0.1]]},{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":70,"cycle_mult":1.5}],"durations":[30]}`,
		`{"kind":"ignite.ConcatScheduler","schedulers":[{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,1]]},{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.5,"cycle_size":10},{"kind":"ignite.PiecewiseLinear","milestones_values":[[0,0.3]]}],"durations":[0,25]}`,
		`{"kind":"ignite.ConcatScheduler","schedulers":[{"kind":"ignite.LinearCyclicalScheduler","start_value":0.1,"end_value":0.5,"cycle_size":1000},{"kind":"ignite.CosineAnnealingScheduler","start_value":0.1,"end_value":0.001,"cycle_size":20000}],"durations":[1000000]}`,
	},
	"lr_schedule.linear": {
		`{"kind":"lr_schedule.linear","initial_value":1e-4,"final_value":1e-3}`,
		`{"kind":"lr_schedule.linear","initial_value":1.05,"final_value":1.05}`,
		`{"kind":"lr_schedule.linear","initial_value":0.017077333777369332,"final_value":0.017077333777369336}`,
	},
	"lr_schedule.cosine": {
		`{"kind":"lr_schedule.cosine","initial_value":1e-4,"final_value":1e-3}`,
	},
	"lr_schedule.exponential": {
		`{"kind":"lr_schedule.exponential","decay_rate":1e-9}`,
	},
	"lr_schedule.cosine_warmup": {
		`{"kind":"lr_schedule.cosine_warmup","warmup_fraction":0.999}`,
		`{"kind":"lr_schedule.cosine_warmup","initial_value":1e-4,"final_value":1e-3,"warmup_fraction":0.37}`,
	},
	"lr_schedule.polynomial": {
		`{"kind":"lr_schedule.polynomial","power":7.5}`,
		`{"kind":"lr_schedule.polynomial","power":0}`,
	},
	"lr_schedule.constant": {
		`{"kind":"lr_schedule.constant","initial_value":1e300,"final_value":1}`,
	},
	"torch.SequentialLR": {
		`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.01,"total_iters":10},{"kind":"torch.CosineAnnealingLR","T_max":90,"eta_min":0.001}],"milestones":[10]}`,
		`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.ExponentialLR","gamma":0.9},{"kind":"torch.CosineAnnealingWarmRestarts","T_0":7,"T_mult":2},{"kind":"torch.PolynomialLR","total_iters":50,"power":2}],"milestones":[5,60]}`,
		`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.5,"total_iters":4},{"kind":"torch.ExponentialLR","gamma":0.99}],"milestones":[0]}`,
		`{"kind":"torch.SequentialLR","lr":0.1,"schedulers":[{"kind":"torch.ChainedScheduler","schedulers":[{"kind":"torch.LinearLR","start_factor":0.2,"total_iters":6},{"kind":"torch.CosineAnnealingLR","T_max":13}]},{"kind":"torch.ExponentialLR","gamma":0.9}],"milestones":[30]}`,
	},
	"torch.ChainedScheduler": {
		`{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[{"kind":"torch.CosineAnnealingLR","T_max":1000,"eta_min":0.001}]}`,
		`{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[{"kind":"torch.LinearLR","start_factor":0.1,"total_iters":20},{"kind":"torch.CosineAnnealingLR","T_max":17,"eta_min":0.001}]}`,
		`{"kind":"torch.ChainedScheduler","lr":0.1,"schedulers":[{"kind":"torch.CosineAnnealingWarmRestarts","T_0":9},{"kind":"torch.ExponentialLR","gamma":0.999}]}`,
	},
}

// downsampleCase is a spec of a kind to draw, STEPS still in it.
type downsampleCase struct {
	kind, spec string
	example    bool
}

// downsampleCases lists every kind's example and the specs above.
func downsampleCases(t *testing.T) []downsampleCase {
	var out []downsampleCase
	for _, k := range Kinds() {
		out = append(out, downsampleCase{k.Name, k.Example, true})
		specs := downsampleSpecs[k.Name]
		if len(specs) == 0 {
			t.Errorf("%s: no specs in downsampleSpecs", k.Name)
		}
		for _, spec := range specs {
			if !strings.Contains(spec, `"kind":"`+k.Name+`"`) {
				t.Fatalf("downsampleSpecs[%s] holds %s", k.Name, spec)
			}
			out = append(out, downsampleCase{k.Name, spec, false})
		}
	}
	return out
}

// parseFor parses spec for a run of steps steps, or returns nil if the kind
// refuses such a run.
func parseFor(t testing.TB, spec string, steps int64) *Schedule {
	t.Helper()
	s := mustParse(t, strings.ReplaceAll(spec, "STEPS", strconv.FormatInt(steps, 10)))
	if s.CheckSteps(steps) != nil {
		return nil
	}
	return s
}

// TestDownsampleExact is the heart of Downsample's promise: for every kind
// and run length, the columns computed from events are the columns of every
// value At gives, to the last bit.
func TestDownsampleExact(t *testing.T) {
	stepsList := []int64{1, 2, 3, 7, 100, 1000, 12345, 1e5, 1e6}
	widths := []int{1, 3, 100, 1000, 1921}
	cases := downsampleCases(t)
	var mu sync.Mutex
	runs := map[string]int{}
	for _, kc := range cases {
		t.Run(kc.kind, func(t *testing.T) {
			t.Parallel()
			for _, steps := range stepsList {
				// 10^6 steps for the examples only, and not with -short.
				if steps > 1e5 && (testing.Short() || !kc.example) {
					continue
				}
				s := parseFor(t, kc.spec, steps)
				if s == nil {
					continue
				}
				vals := make([]float64, steps)
				for i := range vals {
					vals[i] = s.At(int64(i), steps)
				}
				for _, width := range widths {
					checkDownsample(t, s, kc.spec, vals, width)
				}
				mu.Lock()
				runs[kc.kind] += len(widths)
				mu.Unlock()
			}
		})
	}
	t.Cleanup(func() {
		for _, k := range Kinds() {
			if runs[k.Name] == 0 {
				t.Errorf("%s: no run compared", k.Name)
			}
		}
	})
}

// TestDownsampleUnits is TestDownsampleExact in optimizer steps: for every
// kind under each of unitsCases (staircases per epoch, a schedule run three
// times too fast per micro-batch), the columns computed from the events
// placed at FirstStep are the columns of every value At gives.
func TestDownsampleUnits(t *testing.T) {
	stepsList := []int64{1, 3, 100, 1000, 12345, 1e5}
	widths := []int{1, 3, 100, 1921}
	var mu sync.Mutex
	runs := map[string]int{}
	for _, kc := range downsampleCases(t) {
		t.Run(kc.kind, func(t *testing.T) {
			t.Parallel()
			for _, u := range unitsCases {
				for _, steps := range stepsList {
					// 10^5 steps for the examples only, and not with -short.
					if steps > 12345 && (testing.Short() || !kc.example) {
						continue
					}
					spec, s := unitsSpec(t, kc.spec, u, steps)
					if s == nil {
						continue
					}
					vals := make([]float64, steps)
					for i := range vals {
						vals[i] = s.At(int64(i), steps)
					}
					for _, width := range widths {
						checkDownsample(t, s, spec, vals, width)
					}
					mu.Lock()
					runs[kc.kind+" "+string(u.Stepping)]++
					mu.Unlock()
				}
			}
		})
	}
	t.Cleanup(func() {
		for _, k := range Kinds() {
			for _, st := range []Stepping{PerMicroBatch, PerEpoch} {
				if runs[k.Name+" "+string(st)] == 0 {
					t.Errorf("%s: no run compared per %s", k.Name, st)
				}
			}
		}
	})
}

// TestDownsampleUnitsHuge draws every kind under units over the longest
// runs they allow, 10^12 optimizer steps per epoch and 2.5·10^11 per
// micro-batch of 4: columns that tile the run, finite and within their
// extremes.
func TestDownsampleUnitsHuge(t *testing.T) {
	const width = 1000
	for _, kc := range downsampleCases(t) {
		for _, u := range []Units{perEpoch(390), perMicro(4)} {
			steps := MaxSteps / u.Accumulation
			spec, s := unitsSpec(t, kc.spec, u, steps)
			if s == nil {
				continue
			}
			t.Run(kc.kind, func(t *testing.T) {
				t.Parallel()
				cols, _ := s.Downsample(steps, width)
				if len(cols) != width {
					t.Fatalf("%s: %d columns, want %d", spec, len(cols), width)
				}
				checkColumns(t, s, spec, steps, cols)
			})
		}
	}
}

// checkDownsample compares Downsample with DownsampleValues over vals, the
// lr At gives at every step: From, To, First, Last, Min and Max equal, and
// MinStep and MaxStep steps of the column where Min and Max occur.
func checkDownsample(t *testing.T, s *Schedule, spec string, vals []float64, width int) {
	t.Helper()
	steps := int64(len(vals))
	want := DownsampleValues(vals, width)
	got, exact := s.Downsample(steps, width)
	if !exact {
		t.Errorf("%s, %d steps, width %d: not exact", spec, steps, width)
	}
	if len(got) != len(want) {
		t.Fatalf("%s, %d steps, width %d: %d columns, want %d", spec, steps, width, len(got), len(want))
	}
	for c := range got {
		g, w := got[c], want[c]
		if g.From != w.From || g.To != w.To || g.First != w.First || g.Last != w.Last || g.Min != w.Min || g.Max != w.Max {
			t.Errorf("%s, %d steps, width %d, column %d:\n got %s\nwant %s\n%s",
				spec, steps, width, c, fmtColumn(g), fmtColumn(w), explainColumn(s, vals, w))
			return
		}
		if !columnHas(g, g.MinStep, vals, g.Min) || !columnHas(g, g.MaxStep, vals, g.Max) {
			t.Errorf("%s, %d steps, width %d, column %d: %s names a step outside it or of another lr",
				spec, steps, width, c, fmtColumn(g))
			return
		}
	}
}

func columnHas(c Column, step int64, vals []float64, v float64) bool {
	return step >= c.From && step < c.To && vals[step] == v
}

func fmtColumn(c Column) string {
	return fmt.Sprintf("[%d, %d) first %.17g last %.17g min %.17g (step %d) max %.17g (step %d)",
		c.From, c.To, c.First, c.Last, c.Min, c.MinStep, c.Max, c.MaxStep)
}

// explainColumn says why a column came out wrong: the events inside it and
// the first piece between events on which the lr is not monotone.
func explainColumn(s *Schedule, vals []float64, c Column) string {
	steps := int64(len(vals))
	var events []Event
	cuts := []int64{c.From}
	for e := range s.Events(steps, c.From+1, c.To) {
		events = append(events, e)
		if e.Step > cuts[len(cuts)-1] {
			cuts = append(cuts, e.Step)
		}
	}
	cuts = append(cuts, c.To)
	msg := fmt.Sprintf("events inside: %v", truncEvents(events))
	for j := 0; j+1 < len(cuts); j++ {
		lo, hi := cuts[j], cuts[j+1]
		if i := firstTurn(vals, lo, hi); i >= 0 {
			return msg + fmt.Sprintf("\nnot monotone on [%d, %d): At turns at step %d (At(%d..%d) = %.17g, %.17g, %.17g) with no event there",
				lo, hi, i-1, i-2, i, vals[i-2], vals[i-1], vals[i])
		}
	}
	return msg + "\nmonotone between events"
}

// TestDownsampleHuge draws every kind over 10^12 steps where it can run that
// long: 1000 finite columns covering the run, each within its own extremes.
// A kind none of whose specs runs that long, because its framework counts
// steps in an int32, is drawn over the longest run its example allows, which
// must reach 2³¹ steps.
func TestDownsampleHuge(t *testing.T) {
	const steps, width = MaxSteps, 1000
	ran := map[string]bool{}
	for _, kc := range downsampleCases(t) {
		s := parseFor(t, kc.spec, steps)
		if s == nil {
			continue
		}
		ran[kc.kind] = true
		t.Run(kc.kind, func(t *testing.T) {
			t.Parallel()
			cols, exact := s.Downsample(steps, width)
			if len(cols) != width {
				t.Fatalf("%s: %d columns, want %d", kc.spec, len(cols), width)
			}
			if !exact {
				t.Logf("%s: approximate over %d steps", kc.spec, int64(steps))
			}
			checkColumns(t, s, kc.spec, steps, cols)
		})
	}
	for _, k := range Kinds() {
		if ran[k.Name] {
			continue
		}
		s := mustParse(t, k.Example)
		lo, hi := int64(0), int64(steps) // the longest run s allows is in [lo, hi)
		for hi-lo > 1 {
			if mid := lo + (hi-lo)/2; s.CheckSteps(mid) == nil {
				lo = mid
			} else {
				hi = mid
			}
		}
		if lo < 1<<31 && !torchLambdaBound[k.Name] {
			t.Errorf("%s: no spec in downsampleSpecs runs %d steps, and its example runs at most %d", k.Name, int64(steps), lo)
			continue
		}
		cols, _ := s.Downsample(lo, width)
		if len(cols) != width {
			t.Fatalf("%s over %d steps: %d columns, want %d", k.Example, lo, len(cols), width)
		}
		checkColumns(t, s, k.Example, lo, cols)
	}
}

// checkColumns checks what holds of any columns, exact or not: they tile
// the run, every value is finite and the lr of the step it names, and each
// column lies within its Min and Max.
func checkColumns(t *testing.T, s *Schedule, spec string, steps int64, cols []Column) {
	t.Helper()
	next := int64(0)
	for c, col := range cols {
		bad := col.From != next || col.To <= col.From ||
			col.MinStep < col.From || col.MinStep >= col.To || col.MaxStep < col.From || col.MaxStep >= col.To
		for _, v := range []float64{col.First, col.Last, col.Min, col.Max} {
			bad = bad || math.IsNaN(v) || math.IsInf(v, 0) || v < col.Min || v > col.Max
		}
		if bad || s.At(col.From, steps) != col.First || s.At(col.To-1, steps) != col.Last ||
			s.At(col.MinStep, steps) != col.Min || s.At(col.MaxStep, steps) != col.Max {
			t.Errorf("%s over %d steps: column %d is %s", spec, steps, c, fmtColumn(col))
			return
		}
		next = col.To
	}
	if next != steps {
		t.Errorf("%s over %d steps: the columns end at %d", spec, steps, next)
	}
}

// TestDownsampleBudget runs the fallback on runs short enough to check
// against every value: its columns are real values within the true
// extremes, exact until the budget ran out, and exact is honest.
func TestDownsampleBudget(t *testing.T) {
	tests := []struct {
		spec        string
		steps       int64
		width       int
		budget      int
		wantInexact bool
	}{
		// A turn at every step: 10^5 events for 100 columns.
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`, 1e5, 100, 1000, true},
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`, 1e5, 100, 0, true},
		// Columns of at most fallbackSteps steps are read in full.
		{`{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`, 1e5, 10000, 0, false},
		{`{"kind":"playground","T_max":3,"T_mult":1.0001,"warmup":0.1,"decay":0.999}`, 1e5, 100, 500, true},
		{`{"kind":"keras.CosineDecayRestarts","initial_learning_rate":0.1,"first_decay_steps":5,"t_mul":1.3,"m_mul":0.7,"alpha":0.1}`, 1e5, 7, 4, true},
		// Few events per column: the fallback reads them all.
		{`{"kind":"playground","lr":0.1,"T_max":100,"T_mult":2,"warmup":0.05}`, 1e5, 100, 0, false},
		{`{"kind":"hf.cosine_with_hard_restarts_schedule_with_warmup","num_warmup_steps":0,"num_training_steps":100000,"num_cycles":1000}`, 1e5, 1000, 0, false},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.spec)
		vals := make([]float64, tt.steps)
		for i := range vals {
			vals[i] = s.At(int64(i), tt.steps)
		}
		exact := checkApproximate(t, s, tt.spec, vals, tt.width, tt.budget)
		if exact == tt.wantInexact {
			t.Errorf("%s, budget %d: exact = %v, want %v", tt.spec, tt.budget, exact, !tt.wantInexact)
		}
	}
	// The budget holds: a turn at every step of 10^12 comes back approximate.
	s := mustParse(t, `{"kind":"torch.CosineAnnealingLR","lr":0.1,"T_max":1}`)
	if _, exact := s.Downsample(MaxSteps, 1000); exact {
		t.Errorf("a cosine of period 2 over %d steps is exact", MaxSteps)
	}
}

// TestDownsampleKeepsExtremes checks, for every kind's example, that the
// points drawn hold each run's extremes and ends.
func TestDownsampleKeepsExtremes(t *testing.T) {
	for _, k := range Kinds() {
		n := int(k.ExampleSteps)
		vals := mustValues(t, k.Example, n)
		pts := Points(DownsampleValues(vals, 60))
		if len(pts) > 4*60 {
			t.Errorf("%s: %d points for 60 columns", k.Name, len(pts))
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		for i, p := range pts {
			if vals[p.Step] != p.LR || (i > 0 && p.Step <= pts[i-1].Step) {
				t.Fatalf("%s: point %v is not the value of its step, or out of order", k.Name, p)
			}
			lo, hi = min(lo, p.LR), max(hi, p.LR)
		}
		wlo, whi := math.Inf(1), math.Inf(-1)
		for _, v := range vals {
			wlo, whi = min(wlo, v), max(whi, v)
		}
		if lo != wlo || hi != whi || pts[0].Step != 0 || pts[len(pts)-1].Step != int64(n-1) {
			t.Errorf("%s: downsampled range [%g, %g] (steps %d..%d), want [%g, %g] over 0..%d",
				k.Name, lo, hi, pts[0].Step, pts[len(pts)-1].Step, wlo, whi, n-1)
		}
	}
}

// checkApproximate runs the fallback with the given budget on a run short
// enough to have every value: its columns tile the run with real, finite
// values within the true extremes, and it says exact only when they are the
// columns of every value. It returns what the fallback said.
func checkApproximate(t *testing.T, s *Schedule, spec string, vals []float64, width, budget int) bool {
	t.Helper()
	steps := int64(len(vals))
	want := DownsampleValues(vals, width)
	got, exact := s.downsample(steps, width, budget)
	if len(got) != len(want) {
		t.Fatalf("%s: %d columns, want %d", spec, len(got), len(want))
	}
	checkColumns(t, s, spec, steps, got)
	same := true
	for c := range got {
		g, w := got[c], want[c]
		if g.Min < w.Min || g.Max > w.Max {
			t.Errorf("%s, budget %d: column %d is %s, outside the true %s", spec, budget, c, fmtColumn(g), fmtColumn(w))
		}
		same = same && g.Min == w.Min && g.Max == w.Max
	}
	if exact && !same {
		t.Errorf("%s, %d steps, width %d, budget %d: says exact but differs from every value", spec, steps, width, budget)
	}
	return exact
}

// FuzzDownsample: for any spec, run length and width, Downsample gives the
// columns of every value (DownsampleValues, brute force); with a budget too
// small for the run's events, the fallback's columns are still real values
// within the true extremes. On runs up to MaxSteps, too long to check value
// by value, the columns tile the run with finite values of the steps they
// name. Every call stays within its memory budget.
func FuzzDownsample(f *testing.F) {
	for i, s := range fuzzSeeds() {
		f.Add([]byte(s), uint16(1+i*37), uint16(1+i*13), uint16(i*7), int64(1)<<(i%41))
	}
	f.Fuzz(func(t *testing.T, spec []byte, steps, width, budget uint16, long int64) {
		s, err := Parse(spec)
		if err != nil {
			return
		}
		n := int64(steps)%20000 + 1
		w := int(width) % 2500
		if s.CheckSteps(n) == nil {
			vals := make([]float64, n)
			for i := range vals {
				v := s.At(int64(i), n)
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s: At(%d, %d) = %v", spec, i, n, v)
				}
				vals[i] = v
			}
			checkDownsample(t, s, string(spec), vals, w)
			checkAlloc(t, "Downsample", allocPerColumn*int64(w), func() { s.Downsample(n, w) })
			checkApproximate(t, s, string(spec), vals, w, int(budget)%1024)
		}

		// A long run, with a small budget so that each input stays fast:
		// TestDownsampleHuge runs the real budget on 10^12 steps.
		if long < 1 || long > MaxSteps {
			long = MaxSteps
		}
		if s.CheckSteps(long) != nil {
			return
		}
		lw := int(width)%300 + 1
		var cols []Column
		checkAlloc(t, fmt.Sprintf("Downsample over %d steps", long), allocPerColumn*int64(lw),
			func() { cols, _ = s.downsample(long, lw, int(budget)%1024) })
		if want := columnCount(long, lw); int64(len(cols)) != want {
			t.Fatalf("%s over %d steps: %d columns, want %d", spec, long, len(cols), want)
		}
		checkColumns(t, s, string(spec), long, cols)
	})
}

// torchLambdaBound are the kinds that refuse runs longer than
// torchLambdaMaxSteps: a Python lambda's every step is evaluated, to check
// it and to find its turns.
var torchLambdaBound = map[string]bool{"torch.LambdaLR": true, "torch.MultiplicativeLR": true}
