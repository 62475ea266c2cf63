// Mount a chart from a script once LR Playground is ready.
lrplay.ready.then(() => {
  lrplay.mount(document.getElementById('warmup'), {
    kind: 'hf.cosine_schedule_with_warmup',
    lr: 0.001,
    num_warmup_steps: 100,
    num_training_steps: 1000,
    steps: 1000,
    controls: ['num_warmup_steps'],
  });
});
