// The scrolly-telling example's only script: each paragraph that scrolls into the middle of the
// view sets its run on the embed, and each button sets the same run and plays it. It uses the
// element's public API (embed.d.ts), nothing else: a host page's own code looks like this.
customElements.whenDefined('simplest-nn').then(() => {
  const demo = document.getElementById('demo');
  const steps = [...document.querySelectorAll('.step')];
  let current = null;
  const show = (step) => {
    if (step === current) return;
    current = step;
    for (const s of steps) s.classList.toggle('active', s === step);
    demo.preset(step.dataset.preset);
  };
  const middle = new IntersectionObserver(
    (entries) => {
      for (const e of entries) if (e.isIntersecting) show(e.target);
    },
    { rootMargin: '-45% 0px -45% 0px' },
  );
  for (const s of steps) middle.observe(s);
  for (const button of document.querySelectorAll('button[data-preset]')) {
    button.addEventListener('click', () => {
      current = button.closest('.step');
      for (const s of steps) s.classList.toggle('active', s === current);
      demo.preset(button.dataset.preset);
    });
  }
  // The step counter of the run, for readers of the text (and the tests): what the embed reports.
  const status = document.createElement('p');
  status.className = 'status';
  status.setAttribute('aria-live', 'off');
  demo.after(status);
  demo.addEventListener('step', (e) => {
    status.textContent = `step ${e.detail.step}, loss ${e.detail.loss === null ? '–' : e.detail.loss.toPrecision(3)}`;
  });
  demo.addEventListener('diverged', (e) => {
    status.textContent = `diverged at step ${e.detail.step}`;
  });
});
